package io.tenure.connector.ldap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tenure.connector.spi.ConnectorConfiguration;
import io.tenure.connector.spi.ConnectorException;
import io.tenure.connector.spi.ConnectorFactory;
import io.tenure.connector.spi.ErrorKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LdapSettingsTest {

  private static Map<String, String> valid() {
    Map<String, String> settings = new HashMap<>();
    settings.put("url", "ldap://127.0.0.1:3389");
    settings.put("bindDn", "cn=admin,dc=example,dc=com");
    settings.put("password", "s3cr3t-value");
    settings.put("accounts.base", "ou=people,dc=example,dc=com");
    settings.put("groups.base", "ou=groups,dc=example,dc=com");
    return settings;
  }

  private static LdapSettings parse(Map<String, String> settings) {
    return LdapSettings.from(new ConnectorConfiguration("dir", settings, Set.of("password")));
  }

  private static void assertRejected(Map<String, String> settings, String key) {
    assertThatThrownBy(() -> parse(settings))
        .isInstanceOfSatisfying(
            ConnectorException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ErrorKind.CONFIGURATION);
              assertThat(e.getMessage()).contains("'" + key + "'").doesNotContain("s3cr3t");
            });
  }

  @Test
  void defaultsApply() {
    LdapSettings settings = parse(valid());
    assertThat(settings.accountsRdn()).isEqualTo("uid");
    assertThat(settings.accountsObjectClasses())
        .containsExactly("top", "person", "organizationalPerson", "inetOrgPerson");
    assertThat(settings.groupsRdn()).isEqualTo("cn");
    assertThat(settings.groupsObjectClass()).isEqualTo("groupOfNames");
    assertThat(settings.groupsMemberAttribute()).isEqualTo("member");
    assertThat(settings.groupsCreate()).isTrue();
    assertThat(settings.lastMember()).isEqualTo(LdapSettings.LastMemberPolicy.DELETE);
    assertThat(settings.disableStyle()).isEqualTo(DisableStyle.ATTRIBUTE);
    assertThat(settings.disableAttribute()).isEqualTo("pwdAccountLockedTime");
    assertThat(settings.disableValue()).isEqualTo("000001010000Z");
    assertThat(settings.poolSize()).isEqualTo(4);
    assertThat(settings.batchSize()).isEqualTo(1000);
    assertThat(settings.batchMaxValues()).isEqualTo(100_000);
    assertThat(settings.batchMaxBytes()).isEqualTo(4_000_000);
    assertThat(settings.batchMaxGrants()).isEqualTo(100_000);
    assertThat(settings.pageSize()).isEqualTo(500);
    assertThat(settings.timeoutSeconds()).isEqualTo(30);
    assertThat(settings.accountsAttributes()).containsExactly("*");
    assertThat(settings.tlsCaFile()).isNull();
    assertThat(settings.toString()).doesNotContain("s3cr3t");
  }

  @Test
  void activeDirectoryStyleDefaultsToUserAccountControl() {
    Map<String, String> settings = valid();
    settings.put("disable.style", "userAccountControl");
    settings.put("groups.create", "false");
    LdapSettings parsed = parse(settings);
    assertThat(parsed.disableStyle()).isEqualTo(DisableStyle.USER_ACCOUNT_CONTROL);
    assertThat(parsed.disableAttribute()).isEqualTo("userAccountControl");
    assertThat(parsed.lastMember()).isEqualTo(LdapSettings.LastMemberPolicy.PLACEHOLDER);
  }

  @Test
  void badOrMissingSettingsNameTheKey() {
    for (String required : List.of("url", "accounts.base", "groups.base")) {
      Map<String, String> settings = valid();
      settings.remove(required);
      assertRejected(settings, required);
    }
    Map<String, Map.Entry<String, String>> cases =
        Map.of(
            "url", Map.entry("url", "http://127.0.0.1"),
            "bindDn", Map.entry("bindDn", "not a dn"),
            "accounts.base", Map.entry("accounts.base", "ou=people,,"),
            "pool.size", Map.entry("pool.size", "0"),
            "page.size", Map.entry("page.size", "many"),
            "timeout.seconds", Map.entry("timeout.seconds", "-1"),
            "groups.create", Map.entry("groups.create", "yes"),
            "disable.style", Map.entry("disable.style", "flag"),
            "accounts.rdn", Map.entry("accounts.rdn", "uid)(x"),
            "accounts.objectClasses", Map.entry("accounts.objectClasses", " , "));
    cases.forEach(
        (key, setting) -> {
          Map<String, String> settings = valid();
          settings.put(setting.getKey(), setting.getValue());
          assertRejected(settings, key);
        });
    for (String batchKey :
        List.of("batch.size", "batch.maxValues", "batch.maxBytes", "batch.maxGrants")) {
      Map<String, String> settings = valid();
      settings.put(batchKey, "0");
      assertRejected(settings, batchKey);
    }
    Map<String, String> noPassword = valid();
    noPassword.remove("password");
    assertRejected(noPassword, "password");
    Map<String, String> contradictory = valid();
    contradictory.put("groups.create", "false");
    contradictory.put("groups.lastMember", "delete");
    assertRejected(contradictory, "groups.lastMember");
  }

  @Test
  void accountsAttributesAndCaFileAreRead(@TempDir Path folder) throws Exception {
    Path caFile = Files.writeString(folder.resolve("ca.pem"), "not checked here");
    Map<String, String> settings = valid();
    settings.put("url", "ldaps://dc1.example.test:636");
    settings.put("tls.caFile", caFile.toString());
    settings.put("accounts.attributes", " cn, sAMAccountName ,objectGUID");
    LdapSettings parsed = parse(settings);
    assertThat(parsed.tlsCaFile()).isEqualTo(caFile);
    assertThat(parsed.accountsAttributes()).containsExactly("cn", "sAMAccountName", "objectGUID");

    Map<String, String> plain = valid();
    plain.put("tls.caFile", caFile.toString());
    assertRejected(plain, "tls.caFile");
    Map<String, String> missingFile = valid();
    missingFile.put("url", "ldaps://dc1.example.test:636");
    missingFile.put("tls.caFile", folder.resolve("absent.pem").toString());
    assertRejected(missingFile, "tls.caFile");
    Map<String, String> badAttribute = valid();
    badAttribute.put("accounts.attributes", "cn,mail)(x");
    assertRejected(badAttribute, "accounts.attributes");
  }

  @Test
  void factoryIsFoundByServiceLoaderUnderTypeLdap() {
    List<String> types = new ArrayList<>();
    ServiceLoader.load(ConnectorFactory.class).forEach(factory -> types.add(factory.type()));
    assertThat(types).contains("ldap");
  }
}
