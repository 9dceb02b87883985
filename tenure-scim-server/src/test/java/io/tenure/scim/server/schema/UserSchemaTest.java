package io.tenure.scim.server.schema;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** PATCH paths are spelt as the User schemas spell them before the SDK, which matches exactly. */
class UserSchemaTest {

  @Test
  void patchPathsGetTheSchemasSpelling() {
    assertThat(UserSchema.canonicalPath("NICKNAME")).isEqualTo("nickName");
    assertThat(UserSchema.canonicalPath("phonenumbers[TYPE eq \"work\"].VALUE"))
        .isEqualTo("phoneNumbers[TYPE eq \"work\"].value");
    assertThat(
            UserSchema.canonicalPath(
                "URN:ietf:params:scim:schemas:extension:enterprise:2.0:user:MANAGER.value"))
        .isEqualTo("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value");
    assertThat(UserSchema.canonicalPath("favouriteColour")).isEqualTo("favouriteColour");
    assertThat(UserSchema.canonicalPath("emails[type eq")).isEqualTo("emails[type eq");
  }
}
