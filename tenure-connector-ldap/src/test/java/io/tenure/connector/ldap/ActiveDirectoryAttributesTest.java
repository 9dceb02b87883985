package io.tenure.connector.ldap;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.Attribute;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The encodings of Active Directory's password, GUID and SID values (samples read from Samba). */
class ActiveDirectoryAttributesTest {

  private static byte[] base64(String value) {
    return Base64.getDecoder().decode(value);
  }

  @Test
  void passwordIsQuotedUtf16LittleEndian() {
    assertThat(ActiveDirectoryAttributes.encodedPassword("Pä1"))
        .containsExactly('"', 0, 'P', 0, 0xe4, 0, '1', 0, '"', 0);
    Attribute written = ActiveDirectoryAttributes.toWrite("UNICODEPWD", List.of("x"));
    assertThat(written.getValueByteArray()).isEqualTo("\"x\"".getBytes(StandardCharsets.UTF_16LE));
    assertThat(ActiveDirectoryAttributes.toWrite("cn", List.of("a", "b")).getValues())
        .containsExactly("a", "b");
  }

  @Test
  void guidIsReadInItsStandardStringForm() {
    byte[] guid = base64("Nbf7i6rIQk2czh6NjcDs/A==");
    assertThat(ActiveDirectoryAttributes.guidString(guid))
        .isEqualTo("8bfbb735-c8aa-4d42-9cce-1e8d8dc0ecfc");
    assertThat(ActiveDirectoryAttributes.readableValues(new Attribute("objectGUID", guid)))
        .containsExactly("8bfbb735-c8aa-4d42-9cce-1e8d8dc0ecfc");
    assertThat(ActiveDirectoryAttributes.guidString(new byte[15])).isNull();
  }

  @Test
  void sidIsReadInItsStringForm() {
    byte[] sid = base64("AQUAAAAAAAUVAAAAv1swNimv/8Ak/lvlTgQAAA==");
    assertThat(ActiveDirectoryAttributes.sidString(sid))
        .isEqualTo("S-1-5-21-909138879-3237981993-3848011300-1102");
    assertThat(ActiveDirectoryAttributes.readableValues(new Attribute("objectSid", sid)))
        .containsExactly("S-1-5-21-909138879-3237981993-3848011300-1102");
    assertThat(ActiveDirectoryAttributes.sidString(new byte[] {1, 5, 0})).isNull();
  }

  @Test
  void otherAttributesPassThrough() {
    assertThat(ActiveDirectoryAttributes.readableValues(new Attribute("mail", "a@b", "c@d")))
        .containsExactly("a@b", "c@d");
    assertThat(ActiveDirectoryAttributes.isPassword("unicodePwd")).isTrue();
    assertThat(ActiveDirectoryAttributes.isPassword("userPassword")).isFalse();
  }
}
