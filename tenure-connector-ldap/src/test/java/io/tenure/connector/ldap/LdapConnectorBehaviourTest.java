package io.tenure.connector.ldap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.unboundid.ldap.sdk.Entry;
import io.tenure.connector.spi.AccountReference;
import io.tenure.connector.spi.ConnectorException;
import io.tenure.connector.spi.ErrorKind;
import io.tenure.connector.spi.NewAccount;
import io.tenure.connector.spi.RemoteAccount;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** LDAP-specific behaviour beyond the contract, against an in-memory directory. */
class LdapConnectorBehaviourTest {

  private static TestDirectory directory;

  @BeforeAll
  static void startDirectory() throws Exception {
    directory = new TestDirectory();
  }

  @AfterAll
  static void stopDirectory() {
    directory.close();
  }

  private static String uac(String dn) throws Exception {
    return directory
        .server
        .getEntry(dn, "userAccountControl")
        .getAttributeValue("userAccountControl");
  }

  @Test
  void userAccountControlStyleFlipsOnlyTheDisableBit() throws Exception {
    try (LdapConnector connector =
        directory.connector(
            Map.of(
                "disable.style",
                "userAccountControl",
                "accounts.objectClasses",
                "top,person,organizationalPerson,inetOrgPerson," + TestDirectory.AD_CLASS))) {
      RemoteAccount created =
          connector.create(
              NewAccount.of(
                  "ad-user",
                  Map.of("cn", "AD User", "sn", "User", "userAccountControl", "66048"),
                  true));
      String dn = created.nativeId();
      assertThat(created.attributes()).doesNotContainKey("userAccountControl");
      assertThat(uac(dn)).isEqualTo("66048");
      assertThat(created.enabled()).isTrue();

      connector.disable(created.reference());
      assertThat(uac(dn)).isEqualTo("66050");
      connector.disable(AccountReference.named("ad-user"));
      assertThat(uac(dn)).isEqualTo("66050");
      assertThat(connector.find("ad-user").orElseThrow().enabled()).isFalse();

      connector.enable(AccountReference.named("ad-user"));
      assertThat(uac(dn)).isEqualTo("66048");
      assertThat(connector.find("ad-user").orElseThrow().enabled()).isTrue();

      RemoteAccount bornDisabled =
          connector.create(NewAccount.of("ad-off", Map.of("cn", "Off", "sn", "Off"), false));
      assertThat(uac(bornDisabled.nativeId())).isEqualTo("514");
      assertThat(bornDisabled.enabled()).isFalse();
      connector.enable(bornDisabled.reference());
      assertThat(uac(bornDisabled.nativeId())).isEqualTo("512");

      assertThatThrownBy(() -> connector.disable(AccountReference.named("ad-ghost")))
          .isInstanceOfSatisfying(
              ConnectorException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND));
      connector.delete(created.reference());
      connector.delete(bornDisabled.reference());
    }
  }

  @Test
  void accountsAttributesLimitWhatIsRead() throws Exception {
    try (LdapConnector connector = directory.connector(Map.of("accounts.attributes", "sn,mail"))) {
      RemoteAccount created =
          connector.create(
              NewAccount.of(
                  "few-attributes",
                  Map.of("cn", "Few", "sn", "Attributes", "mail", "few@example.com", "title", "X"),
                  true));
      assertThat(created.attributes().keySet())
          .as("the listed attributes and the naming attribute")
          .containsExactlyInAnyOrder("uid", "sn", "mail");
      assertThat(created.name()).isEqualTo("few-attributes");
      connector.delete(created.reference());
    }
  }

  @Test
  void userAccountControlBitArithmeticPreservesOtherBits() {
    long[] samples = {0L, 0x2L, 0x200L, 0x202L, 0x10200L, 0x10202L, 0xFFFFFFFFL, 0x7FFFFFFDL};
    for (long value : samples) {
      long disabled = DisableStyle.withDisabled(value, true);
      long enabled = DisableStyle.withDisabled(value, false);
      assertThat(DisableStyle.isDisabled(disabled)).isTrue();
      assertThat(DisableStyle.isDisabled(enabled)).isFalse();
      assertThat(disabled & ~0x2L).as("bits of %s", value).isEqualTo(value & ~0x2L);
      assertThat(enabled & ~0x2L).as("bits of %s", value).isEqualTo(value & ~0x2L);
    }
  }

  @Test
  void placeholderPolicyKeepsTheGroup() throws Exception {
    try (LdapConnector connector =
        directory.connector(Map.of("groups.lastMember", "placeholder"))) {
      connector.create(NewAccount.of("ph-user", Map.of("cn", "Ph", "sn", "User"), true));
      connector.grant(AccountReference.named("ph-user"), "ph-group");
      String groupDn = "cn=ph-group," + TestDirectory.GROUPS;
      connector.revoke(AccountReference.named("ph-user"), "ph-group");
      Entry group = directory.server.getEntry(groupDn);
      assertThat(group).isNotNull();
      assertThat(connector.find("ph-user").orElseThrow().entitlements()).isEmpty();

      connector.grant(AccountReference.named("ph-user"), "ph-group");
      assertThat(directory.server.getEntry(groupDn).getAttributeValues("member"))
          .containsExactly("uid=ph-user," + TestDirectory.PEOPLE);
      connector.delete(AccountReference.named("ph-user"));
      directory.server.delete(groupDn);
    }
  }

  @Test
  void grantFailsWhenGroupsMayNotBeCreated() throws Exception {
    try (LdapConnector connector = directory.connector(Map.of("groups.create", "false"))) {
      connector.create(NewAccount.of("nc-user", Map.of("cn", "Nc", "sn", "User"), true));
      assertThatThrownBy(() -> connector.grant(AccountReference.named("nc-user"), "nc-missing"))
          .isInstanceOfSatisfying(
              ConnectorException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND));
      connector.delete(AccountReference.named("nc-user"));
    }
  }

  @Test
  void controlCharactersAndBadNativeIdsAreInvalidInput() {
    try (LdapConnector connector = directory.connector(Map.of())) {
      assertThatThrownBy(
              () -> connector.create(NewAccount.of("bad\nname", Map.of("sn", "x"), true)))
          .isInstanceOfSatisfying(
              ConnectorException.class,
              e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT));
      assertThatThrownBy(() -> connector.update(new AccountReference("x", "not a dn"), List.of()))
          .isInstanceOfSatisfying(
              ConnectorException.class,
              e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT));
    }
  }

  @Test
  void testCapabilityReportsAWrongBaseAndAnUnreachableServer() throws Exception {
    try (LdapConnector connector = directory.connector(Map.of())) {
      connector.test();
    }
    try (LdapConnector connector =
        directory.connector(Map.of("groups.base", "ou=nowhere,dc=example,dc=com"))) {
      assertThatThrownBy(connector::test)
          .isInstanceOfSatisfying(
              ConnectorException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(ErrorKind.CONFIGURATION);
                assertThat(e.getMessage()).contains("groups.base");
              });
    }
    int freePort;
    try (ServerSocket socket = new ServerSocket(0)) {
      freePort = socket.getLocalPort();
    }
    try (LdapConnector connector =
        directory.connector(Map.of("url", "ldap://127.0.0.1:" + freePort))) {
      assertThatThrownBy(connector::test)
          .isInstanceOfSatisfying(
              ConnectorException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(ErrorKind.CONNECTION);
                assertThat(e.retryable()).isTrue();
                assertThat(e.getMessage()).doesNotContain(TestDirectory.PASSWORD);
              });
    }
  }

  @Test
  void wrongPasswordIsAPermissionErrorWithoutTheSecret() {
    try (LdapConnector connector = directory.connector(Map.of("password", "wrong-pass-123"))) {
      assertThatThrownBy(connector::test)
          .isInstanceOfSatisfying(
              ConnectorException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(ErrorKind.PERMISSION);
                assertThat(e.getMessage()).doesNotContain("wrong-pass-123");
                assertThat(e.getMessage())
                    .as("names the target and what failed")
                    .startsWith("target '")
                    .contains("invalid credentials");
              });
    }
  }
}
