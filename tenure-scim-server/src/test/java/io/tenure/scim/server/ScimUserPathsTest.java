package io.tenure.scim.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which SCIM paths {@code scim.mapping} may read an identity attribute from. */
class ScimUserPathsTest {

  private static final String ENTERPRISE =
      "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:";

  @Test
  void pathsThatHoldAValueAreFine() {
    for (String path :
        new String[] {
          "nickName",
          "NICKNAME",
          "name.middleName",
          "phoneNumbers[type eq \"work\"].value",
          "emails",
          "addresses.country",
          ENTERPRISE + "costCenter",
          ENTERPRISE + "manager.$ref",
          "urn:ietf:params:scim:schemas:core:2.0:User:locale"
        }) {
      assertThat(ScimUserPaths.problem("extra", path)).as(path).isEmpty();
    }
    assertThat(ScimUserPaths.problem("employeeId", ENTERPRISE + "employeeNumber")).isEmpty();
  }

  @Test
  void pathsThatHoldNoValueAreRefusedWithTheReason() {
    for (String path :
        new String[] {
          "name",
          "addresses",
          "addresses[type eq \"work\"]",
          "password",
          "id",
          "active",
          "meta.created",
          "nosuch",
          "name.givenName.x",
          ENTERPRISE + "manager",
          ENTERPRISE + "costCentre",
          "urn:example:other:nickName"
        }) {
      assertThat(ScimUserPaths.problem("extra", path))
          .as(path)
          .hasValueSatisfying(
              problem -> assertThat(problem).contains("is not an attribute of the User schemas"));
    }
    assertThat(ScimUserPaths.problem("extra", "name[givenName eq \"x\"].familyName"))
        .hasValueSatisfying(
            problem -> assertThat(problem).contains("a value filter goes on a multi-valued"));
    assertThat(ScimUserPaths.problem("extra", "phoneNumbers[type eq"))
        .hasValueSatisfying(
            problem -> assertThat(problem).contains("is not a SCIM attribute path"));
    assertThat(ScimUserPaths.problem("employeeId", "nickName"))
        .contains(
            "employeeId is read from "
                + ENTERPRISE
                + "employeeNumber by the fixed mapping, which cannot be changed");
  }
}
