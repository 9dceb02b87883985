package io.tenure.connector.ldap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import io.tenure.connector.spi.AccountReference;
import io.tenure.connector.spi.ConnectorException;
import io.tenure.connector.spi.ErrorKind;
import io.tenure.connector.spi.NewAccount;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * On the real OpenLDAP: the connector deletes only groups it created (they carry its marker), and
 * tells which names entries already use, whoever made them.
 */
class OpenLdapOwnershipIT {

  private final String namespace = "own" + UUID.randomUUID().toString().substring(0, 8);
  private final LdapConnector connector = OpenLdap.connector(Map.of());

  @AfterEach
  void cleanUp() {
    connector.close();
    OpenLdap.deleteNamespace(namespace);
  }

  private String account(String suffix) {
    String name = namespace + suffix;
    connector.create(NewAccount.of(name, Map.of("cn", name, "sn", "Owner"), true));
    return name;
  }

  @Test
  void aGroupTenureCreatedCarriesTheMarkerAndGoesWithItsLastMember() throws Exception {
    String member = account("-member");
    String group = namespace + "-made";

    connector.grant(AccountReference.named(member), group);
    try (LDAPConnection admin = OpenLdap.adminConnection()) {
      Entry made = admin.getEntry("cn=" + group + "," + OpenLdap.GROUPS, "description");
      assertThat(made.getAttributeValue("description")).isEqualTo("managed by tenure");
    }
    connector.revoke(AccountReference.named(member), group);

    try (LDAPConnection admin = OpenLdap.adminConnection()) {
      assertThat(admin.getEntry("cn=" + group + "," + OpenLdap.GROUPS)).isNull();
    }
  }

  @Test
  void aHandMadeGroupIsNeverDeletedWhenItsLastMemberGoes() throws Exception {
    String member = account("-oncall");
    String group = namespace + "-ops-oncall";
    String groupDn = "cn=" + group + "," + OpenLdap.GROUPS;
    String memberDn = "uid=" + member + "," + OpenLdap.PEOPLE;
    try (LDAPConnection admin = OpenLdap.adminConnection()) {
      admin.add(
          new Entry(
              groupDn,
              new com.unboundid.ldap.sdk.Attribute("objectClass", "top", "groupOfNames"),
              new com.unboundid.ldap.sdk.Attribute("cn", group),
              new com.unboundid.ldap.sdk.Attribute("description", "the on-call rota"),
              new com.unboundid.ldap.sdk.Attribute("member", memberDn)));
    }

    assertThatThrownBy(() -> connector.revoke(AccountReference.named(member), group))
        .isInstanceOfSatisfying(
            ConnectorException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ErrorKind.CONSTRAINT);
              assertThat(e.getMessage()).contains("Tenure did not create").contains(group);
            });
    connector.delete(AccountReference.named(member));

    try (LDAPConnection admin = OpenLdap.adminConnection()) {
      Entry kept = admin.getEntry(groupDn, "description", "member");
      assertThat(kept).as("the hand-made group survives").isNotNull();
      assertThat(kept.getAttributeValue("description")).isEqualTo("the on-call rota");
    }
  }

  @Test
  void namesInUseSeesEveryEntryWhateverItsClassesAndCase() throws Exception {
    String person = account("-person");
    String device = namespace + "-device";
    try (LDAPConnection admin = OpenLdap.adminConnection()) {
      admin.add(
          new Entry(
              "uid=" + device.toUpperCase(java.util.Locale.ROOT) + "," + OpenLdap.PEOPLE,
              new com.unboundid.ldap.sdk.Attribute("objectClass", "top", "account"),
              new com.unboundid.ldap.sdk.Attribute(
                  "uid", device.toUpperCase(java.util.Locale.ROOT))));
    }

    assertThat(connector.namesInUse(List.of(person, device, namespace + "-free", "a*)(uid=*")))
        .containsExactlyInAnyOrder(person, device);
  }
}
