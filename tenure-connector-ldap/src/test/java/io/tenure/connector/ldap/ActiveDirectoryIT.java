package io.tenure.connector.ldap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPResult;
import com.unboundid.ldap.sdk.ModifyDNRequest;
import com.unboundid.ldap.sdk.ResultCode;
import io.tenure.connector.spi.AccountReference;
import io.tenure.connector.spi.AttributeDelta;
import io.tenure.connector.spi.ConnectorException;
import io.tenure.connector.spi.ErrorKind;
import io.tenure.connector.spi.NewAccount;
import io.tenure.connector.spi.RemoteAccount;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Active Directory dialect against Samba's AD domain controller over LDAPS: users with {@code
 * sAMAccountName}, {@code userPrincipalName} and a password ({@code unicodePwd}) that can bind,
 * {@code userAccountControl} disable and enable, direct and nested groups, accounts moved to
 * another OU, delete, and {@code objectGUID} read as the standard GUID string.
 */
class ActiveDirectoryIT {

  private static final String GUID_FORM =
      "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

  private final String namespace = "ad" + UUID.randomUUID().toString().substring(0, 8);
  private LdapConnector connector;

  @BeforeAll
  static void requireDomainController() {
    ActiveDirectory.requireAvailable();
  }

  @AfterEach
  void cleanUp() {
    if (connector != null) {
      connector.close();
    }
    ActiveDirectory.deleteNamespace(namespace);
  }

  private LdapConnector connector() {
    if (connector == null) {
      connector = ActiveDirectory.connector(Map.of());
    }
    return connector;
  }

  /** A user with the attributes AD logons need; names stay within sAMAccountName's 20. */
  private NewAccount user(String suffix, String password, boolean enabled) {
    String name = namespace + "-" + suffix;
    Map<String, List<String>> attributes = new LinkedHashMap<>();
    attributes.put("sAMAccountName", List.of(name));
    attributes.put("userPrincipalName", List.of(name + "@example.test"));
    attributes.put("givenName", List.of("Ada"));
    attributes.put("sn", List.of("Lovelace"));
    attributes.put("displayName", List.of("Ada Lovelace"));
    attributes.put("unicodePwd", List.of(password));
    return new NewAccount(name, attributes, enabled);
  }

  @Test
  void userCreatedWithAPasswordCanBindUntilDisabled() throws Exception {
    String password = ActiveDirectory.newPassword();
    RemoteAccount created = connector().create(user("ada", password, true));

    assertThat(created.enabled()).isTrue();
    assertThat(created.first("sAMAccountName")).contains(namespace + "-ada");
    assertThat(created.first("userPrincipalName")).contains(namespace + "-ada@example.test");
    assertThat(created.attributes().keySet())
        .as("the password is never read back")
        .noneMatch(attribute -> attribute.equalsIgnoreCase("unicodePwd"));
    assertThat(userAccountControl(created)).isEqualTo("512");
    assertThat(bind(namespace + "-ada@example.test", password)).isEqualTo(ResultCode.SUCCESS);
    assertThat(bind(created.nativeId(), password)).isEqualTo(ResultCode.SUCCESS);

    connector().disable(created.reference());
    assertThat(userAccountControl(created)).isEqualTo("514");
    assertThat(connector().find(created.name()).orElseThrow().enabled()).isFalse();
    LDAPResult refused = ActiveDirectory.bind(created.nativeId(), password);
    assertThat(refused.getResultCode()).isEqualTo(ResultCode.INVALID_CREDENTIALS);
    assertThat(refused.getDiagnosticMessage()).as("AD's 'account disabled'").contains("data 533");

    connector().enable(AccountReference.named(created.name()));
    assertThat(userAccountControl(created)).isEqualTo("512");
    assertThat(connector().find(created.name()).orElseThrow().enabled()).isTrue();
    assertThat(bind(created.nativeId(), password)).isEqualTo(ResultCode.SUCCESS);
  }

  @Test
  void userCreatedDisabledCannotBind() throws Exception {
    String password = ActiveDirectory.newPassword();
    RemoteAccount created = connector().create(user("born-off", password, false));
    assertThat(created.enabled()).isFalse();
    assertThat(userAccountControl(created)).isEqualTo("514");
    assertThat(bind(created.nativeId(), password)).isEqualTo(ResultCode.INVALID_CREDENTIALS);
  }

  @Test
  void passwordIsResetThroughAnUpdate() throws Exception {
    RemoteAccount created = connector().create(user("reset", ActiveDirectory.newPassword(), true));
    String second = ActiveDirectory.newPassword();

    connector().update(created.reference(), List.of(AttributeDelta.replace("unicodePwd", second)));

    // the old password is not checked: Samba accepts it for 'old password allowed period' (60 min)
    assertThat(bind(created.nativeId(), second)).isEqualTo(ResultCode.SUCCESS);
  }

  @Test
  void passwordThePolicyRefusesFailsWithoutShowingThePassword() {
    String weak = "wk" + namespace.substring(2, 6);
    assertThatThrownBy(() -> connector().create(user("weak", weak, true)))
        .isInstanceOfSatisfying(
            ConnectorException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ErrorKind.CONSTRAINT);
              assertThat(e.retryable()).isFalse();
              assertThat(e.getMessage()).doesNotContain(weak);
            });
    assertThat(connector().find(namespace + "-weak")).isEmpty();
  }

  @Test
  void directAndNestedGroupMemberships() throws Exception {
    RemoteAccount ada = connector().create(user("ada", ActiveDirectory.newPassword(), true));
    RemoteAccount bob = connector().create(user("bob", ActiveDirectory.newPassword(), true));
    String staff = namespace + "-staff";
    String everyone = namespace + "-everyone";
    String everyoneDn = "CN=" + everyone + "," + ActiveDirectory.GROUPS;
    String staffDn = "CN=" + staff + "," + ActiveDirectory.GROUPS;

    connector().grant(ada.reference(), staff);
    connector().grant(ada.reference(), staff);
    connector().grant(AccountReference.named(bob.name()), staff);
    try (LDAPConnection admin = ActiveDirectory.adminConnection()) {
      admin.add(
          "dn: " + everyoneDn,
          "objectClass: top",
          "objectClass: group",
          "sAMAccountName: " + everyone,
          "member: " + staffDn);
    }

    assertThat(connector().find(ada.name()).orElseThrow().entitlements())
        .as("entitlements are the direct memberships, which Tenure grants and revokes")
        .containsExactly(staff);
    connector().grant(ada.reference(), everyone);
    assertThat(connector().find(ada.name()).orElseThrow().entitlements())
        .containsExactlyInAnyOrder(staff, everyone);
    try (Stream<RemoteAccount> accounts = connector().accounts()) {
      assertThat(accounts.filter(account -> account.name().equals(ada.name())))
          .singleElement()
          .extracting(RemoteAccount::entitlements)
          .isEqualTo(java.util.Set.of(staff, everyone));
    }

    connector().revoke(ada.reference(), everyone);
    connector().revoke(ada.reference(), everyone);
    connector().revoke(bob.reference(), everyone);
    assertThat(connector().find(ada.name()).orElseThrow().entitlements()).containsExactly(staff);
    try (LDAPConnection admin = ActiveDirectory.adminConnection()) {
      assertThat(admin.getEntry(everyoneDn, "member").getAttributeValues("member"))
          .as("revoking a direct membership keeps the nesting")
          .containsExactly(staffDn);
    }

    connector().delete(ada.reference());
    assertThat(connector().find(bob.name()).orElseThrow().entitlements()).containsExactly(staff);
    try (LDAPConnection admin = ActiveDirectory.adminConnection()) {
      assertThat(admin.getEntry(staffDn, "member").getAttributeValues("member"))
          .containsExactly(bob.nativeId());
    }
  }

  @Test
  void accountMovedToAnotherOuKeepsItsGuidAndIsFoundByName() throws Exception {
    RemoteAccount created = connector().create(user("mover", ActiveDirectory.newPassword(), true));
    String guid = created.first("objectGUID").orElseThrow();
    try (LDAPConnection admin = ActiveDirectory.adminConnection()) {
      admin.modifyDN(
          new ModifyDNRequest(
              created.nativeId(), "CN=" + created.name(), true, ActiveDirectory.MOVED));
    }

    RemoteAccount moved = connector().find(created.name()).orElseThrow();
    assertThat(moved.nativeId())
        .isEqualToIgnoringCase("CN=" + created.name() + "," + ActiveDirectory.MOVED);
    assertThat(moved.first("objectGUID")).contains(guid);
    connector().disable(moved.reference());
    assertThat(connector().find(created.name()).orElseThrow().enabled()).isFalse();
    assertThatThrownBy(() -> connector().enable(created.reference()))
        .as("the old DN names nothing")
        .isInstanceOfSatisfying(
            ConnectorException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND));
    assertThatThrownBy(() -> connector().enable(AccountReference.named(created.name())))
        .as("a name alone resolves to CN=<name>,<accounts.base>")
        .isInstanceOfSatisfying(
            ConnectorException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND));
    assertThatThrownBy(
            () ->
                connector()
                    .update(moved.reference(), List.of(AttributeDelta.replace("cn", "renamed"))))
        .as("renaming through the naming attribute is refused")
        .isInstanceOfSatisfying(
            ConnectorException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT));

    try (LDAPConnection admin = ActiveDirectory.adminConnection()) {
      admin.modifyDN(
          new ModifyDNRequest(
              moved.nativeId(), "CN=" + created.name(), true, ActiveDirectory.ELSEWHERE));
    }
    assertThat(connector().find(created.name()))
        .as("an account moved out of accounts.base is no longer seen")
        .isEmpty();
  }

  @Test
  void deleteRemovesTheAccount() throws Exception {
    String password = ActiveDirectory.newPassword();
    RemoteAccount created = connector().create(user("leaver", password, true));
    connector().grant(created.reference(), namespace + "-team");

    connector().delete(created.reference());
    connector().delete(created.reference());

    assertThat(connector().find(created.name())).isEmpty();
    assertThat(bind(created.nativeId(), password)).isEqualTo(ResultCode.INVALID_CREDENTIALS);
  }

  @Test
  void objectGuidIsReadAsTheStandardGuidString() throws Exception {
    RemoteAccount created = connector().create(user("guid", ActiveDirectory.newPassword(), true));
    String guid = created.first("objectGUID").orElseThrow();
    assertThat(guid).matches(GUID_FORM);

    try (LDAPConnection admin = ActiveDirectory.adminConnection()) {
      String extended =
          admin
              .getEntry("<GUID=" + guid + ">", "distinguishedName")
              .getAttributeValue("distinguishedName");
      assertThat(extended)
          .as("AD resolves the GUID string to the account")
          .isEqualToIgnoringCase(created.nativeId());
    }
    try (Stream<RemoteAccount> accounts = connector().accounts()) {
      assertThat(accounts.filter(account -> account.name().equals(created.name())))
          .singleElement()
          .satisfies(account -> assertThat(account.first("objectGUID")).contains(guid));
    }
  }

  private static ResultCode bind(String name, String password) throws Exception {
    return ActiveDirectory.bind(name, password).getResultCode();
  }

  private static String userAccountControl(RemoteAccount account) throws Exception {
    try (LDAPConnection admin = ActiveDirectory.adminConnection()) {
      return admin
          .getEntry(account.nativeId(), "userAccountControl")
          .getAttributeValue("userAccountControl");
    }
  }
}
