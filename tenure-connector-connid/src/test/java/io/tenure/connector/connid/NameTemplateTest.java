package io.tenure.connector.connid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class NameTemplateTest {

  private final NameTemplate dn =
      new NameTemplate("uid={name},ou=people,dc=example,dc=com", NameTemplate.Escaping.DN);

  @Test
  void theIdentityTemplateChangesNothing() {
    assertThat(NameTemplate.IDENTITY.isIdentity()).isTrue();
    assertThat(NameTemplate.IDENTITY.format("a,b")).isEqualTo("a,b");
    assertThat(NameTemplate.IDENTITY.parse("a,b")).contains("a,b");
  }

  @Test
  void dnEscapingFollowsRfc4514() {
    assertThat(dn.format("alice")).isEqualTo("uid=alice,ou=people,dc=example,dc=com");
    assertThat(NameTemplate.escapeDnValue("comma, name")).isEqualTo("comma\\, name");
    assertThat(NameTemplate.escapeDnValue("a+b\"c\\d<e>f;g=h"))
        .isEqualTo("a\\+b\\\"c\\\\d\\<e\\>f\\;g\\=h");
    assertThat(NameTemplate.escapeDnValue("#hash")).isEqualTo("\\#hash");
    assertThat(NameTemplate.escapeDnValue(" both ")).isEqualTo("\\ both\\ ");
    assertThat(NameTemplate.escapeDnValue("mid#dle")).isEqualTo("mid#dle");
  }

  @Test
  void parseReversesFormatAndReadsHexEscapes() {
    for (String name :
        List.of("alice", "comma, name", "#hash", " lead", "trail ", "Zoë Ñúñez", "李小龍", "a\\b")) {
      assertThat(dn.parse(dn.format(name))).as(name).contains(name);
    }
    assertThat(dn.parse("UID=comma\\2C name,OU=People,dc=example,dc=com")).contains("comma, name");
    assertThat(dn.parse("uid=Zo\\C3\\AB,ou=people,dc=example,dc=com")).contains("Zoë");
    assertThat(dn.parse("cn=alice,ou=groups,dc=example,dc=com")).isEmpty();
  }

  @Test
  void aTemplateNeedsThePlaceholderExactlyOnce() {
    assertThatThrownBy(() -> new NameTemplate("uid=x", NameTemplate.Escaping.NONE))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new NameTemplate("{name}{name}", NameTemplate.Escaping.NONE))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
