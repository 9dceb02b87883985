package io.tenure.connector.connid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.identityconnectors.common.security.GuardedByteArray;
import org.identityconnectors.common.security.GuardedString;
import org.identityconnectors.common.security.SecurityUtil;
import org.junit.jupiter.api.Test;

class PropertyValuesTest {

  @Test
  void scalarsConvertToTheDeclaredType() {
    assertThat(PropertyValues.convert(String.class, " kept ")).isEqualTo(" kept ");
    assertThat(PropertyValues.convert(int.class, " 389 ")).isEqualTo(389);
    assertThat(PropertyValues.convert(Long.class, "10000")).isEqualTo(10000L);
    assertThat(PropertyValues.convert(double.class, "1.5")).isEqualTo(1.5);
    assertThat(PropertyValues.convert(Float.class, "2.5")).isEqualTo(2.5f);
    assertThat(PropertyValues.convert(boolean.class, "TRUE")).isEqualTo(true);
    assertThat(PropertyValues.convert(Boolean.class, "false")).isEqualTo(false);
    assertThat(PropertyValues.convert(char.class, ";")).isEqualTo(';');
    assertThat(PropertyValues.convert(Character.class, "tab")).isEqualTo('\t');
    assertThat(PropertyValues.convert(URI.class, "ldap://host:389"))
        .isEqualTo(URI.create("ldap://host:389"));
    assertThat(PropertyValues.convert(File.class, "/tmp/x")).isEqualTo(new File("/tmp/x"));
  }

  @Test
  void secretsBecomeGuardedValues() {
    Object password = PropertyValues.convert(GuardedString.class, "s3cret");
    assertThat(password).isInstanceOf(GuardedString.class);
    assertThat(SecurityUtil.decrypt((GuardedString) password)).isEqualTo("s3cret");
    String key = Base64.getEncoder().encodeToString("key".getBytes(StandardCharsets.UTF_8));
    Object bytes = PropertyValues.convert(GuardedByteArray.class, key);
    byte[][] clear = new byte[1][];
    ((GuardedByteArray) bytes).access(value -> clear[0] = value.clone());
    assertThat(clear[0]).isEqualTo("key".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void arraysAreCommaSeparatedWithEscapedCommas() {
    assertThat((String[]) PropertyValues.convert(String[].class, "top, person ,,inetOrgPerson"))
        .containsExactly("top", "person", "inetOrgPerson");
    assertThat((String[]) PropertyValues.convert(String[].class, "dc=example\\,dc=com,o=x"))
        .containsExactly("dc=example,dc=com", "o=x");
    assertThat((int[]) PropertyValues.convert(int[].class, "1,2")).containsExactly(1, 2);
  }

  @Test
  void problemsAreDescribedWithoutTheValue() {
    assertThatThrownBy(() -> PropertyValues.convert(int.class, "s3cret"))
        .hasMessage("must be a number (int)");
    assertThatThrownBy(() -> PropertyValues.convert(boolean.class, "s3cret"))
        .hasMessage("must be true or false");
    assertThatThrownBy(() -> PropertyValues.convert(char.class, "s3cret"))
        .hasMessage("must be a single character (or 'tab')");
    assertThatThrownBy(() -> PropertyValues.convert(GuardedByteArray.class, "s3cret!"))
        .hasMessage("must be base64");
    assertThatThrownBy(() -> PropertyValues.convert(Object.class, "s3cret"))
        .hasMessageContaining("cannot set from text")
        .hasMessageNotContaining("s3cret");
  }
}
