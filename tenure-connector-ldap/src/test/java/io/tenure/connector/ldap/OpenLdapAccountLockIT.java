package io.tenure.connector.ldap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPURL;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchResultEntry;
import io.tenure.connector.spi.AccountReference;
import io.tenure.connector.spi.NewAccount;
import io.tenure.connector.spi.RemoteAccount;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * On the real OpenLDAP with ppolicy: a disabled account (pwdAccountLockedTime) cannot bind, and can
 * again after enable; the last-member placeholder policy keeps groups alive.
 */
class OpenLdapAccountLockIT {

  private final String namespace = "lk" + UUID.randomUUID().toString().substring(0, 8);
  private final LdapConnector connector = OpenLdap.connector(Map.of());

  @AfterEach
  void cleanUp() {
    connector.close();
    OpenLdap.deleteNamespace(namespace);
  }

  @Test
  void disabledAccountCannotBindAndCanAfterEnable() throws Exception {
    String name = namespace + "-locked";
    String password = "pw-" + UUID.randomUUID();
    RemoteAccount created =
        connector.create(
            new NewAccount(
                name,
                Map.of(
                    "cn",
                    List.of(name),
                    "sn",
                    List.of("Locked"),
                    "userPassword",
                    List.of(password)),
                true));
    assertThat(created.attributes()).doesNotContainKey("userPassword");
    assertThat(bind(created.nativeId(), password)).isEqualTo(ResultCode.SUCCESS);

    connector.disable(created.reference());
    assertThat(connector.find(name).orElseThrow().enabled()).isFalse();
    try (LDAPConnection admin = OpenLdap.adminConnection()) {
      SearchResultEntry entry = admin.getEntry(created.nativeId(), "pwdAccountLockedTime");
      assertThat(entry.getAttributeValue("pwdAccountLockedTime")).isEqualTo("000001010000Z");
    }
    assertThat(bind(created.nativeId(), password)).isEqualTo(ResultCode.INVALID_CREDENTIALS);

    connector.enable(AccountReference.named(name));
    assertThat(connector.find(name).orElseThrow().enabled()).isTrue();
    assertThat(bind(created.nativeId(), password)).isEqualTo(ResultCode.SUCCESS);
  }

  @Test
  void accountCreatedDisabledCannotBind() throws Exception {
    String name = namespace + "-born-locked";
    RemoteAccount created =
        connector.create(
            new NewAccount(
                name,
                Map.of("cn", List.of(name), "sn", List.of("Locked"), "userPassword", List.of("pw")),
                false));
    assertThat(created.enabled()).isFalse();
    assertThat(bind(created.nativeId(), "pw")).isEqualTo(ResultCode.INVALID_CREDENTIALS);
  }

  @Test
  void placeholderPolicyKeepsTheGroupWhenItsLastMemberIsRevoked() throws Exception {
    try (LdapConnector placeholders =
        OpenLdap.connector(Map.of("groups.lastMember", "placeholder"))) {
      String name = namespace + "-member";
      String group = namespace + "-kept";
      placeholders.create(NewAccount.of(name, Map.of("cn", name, "sn", "Member"), true));
      placeholders.grant(AccountReference.named(name), group);
      placeholders.revoke(AccountReference.named(name), group);
      assertThat(placeholders.find(name).orElseThrow().entitlements()).isEmpty();
      String groupDn = "cn=" + group + "," + OpenLdap.GROUPS;
      try (LDAPConnection admin = OpenLdap.adminConnection()) {
        assertThat(admin.getEntry(groupDn, "member").getAttributeValues("member"))
            .containsExactly("cn=tenure-placeholder," + OpenLdap.GROUPS);
      }
      placeholders.grant(AccountReference.named(name), group);
      assertThat(placeholders.find(name).orElseThrow().entitlements()).containsExactly(group);
      try (LDAPConnection admin = OpenLdap.adminConnection()) {
        assertThat(admin.getEntry(groupDn, "member").getAttributeValues("member")).hasSize(1);
      }
      placeholders.delete(AccountReference.named(name));
      try (LDAPConnection admin = OpenLdap.adminConnection()) {
        assertThat(admin.getEntry(groupDn, "member").getAttributeValues("member"))
            .as("deleting the last member leaves only the placeholder, not a dangling DN")
            .containsExactly("cn=tenure-placeholder," + OpenLdap.GROUPS);
      }
    }
  }

  @Test
  void deletePolicyRemovesTheGroupWithItsLastMember() throws Exception {
    String name = namespace + "-last";
    String group = namespace + "-transient";
    connector.create(NewAccount.of(name, Map.of("cn", name, "sn", "Last"), true));
    connector.grant(AccountReference.named(name), group);
    try (LDAPConnection admin = OpenLdap.adminConnection()) {
      assertThat(admin.getEntry("cn=" + group + "," + OpenLdap.GROUPS)).isNotNull();
      connector.delete(AccountReference.named(name));
      assertThat(admin.getEntry("cn=" + group + "," + OpenLdap.GROUPS)).isNull();
    }
  }

  @Test
  void testCapabilityChecksConnectivityAndBases() {
    connector.test();
    try (LdapConnector wrongBase =
        OpenLdap.connector(Map.of("accounts.base", "ou=nowhere,dc=example,dc=com"))) {
      assertThatThrownBy(wrongBase::test).hasMessageContaining("accounts.base");
    }
  }

  private static ResultCode bind(String dn, String password) throws LDAPException {
    LDAPURL url = new LDAPURL(OpenLdap.URL);
    try (LDAPConnection connection = new LDAPConnection(url.getHost(), url.getPort())) {
      return connection.bind(dn, password).getResultCode();
    } catch (LDAPException e) {
      return e.getResultCode();
    }
  }
}
