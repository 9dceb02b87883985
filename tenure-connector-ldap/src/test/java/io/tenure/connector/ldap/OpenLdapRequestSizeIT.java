package io.tenure.connector.ldap;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import io.tenure.connector.spi.AccountReference;
import io.tenure.connector.spi.BatchCall;
import io.tenure.connector.spi.BatchResult;
import io.tenure.connector.spi.ConnectorConfiguration;
import io.tenure.connector.spi.ErrorKind;
import io.tenure.connector.spi.NewAccount;
import io.tenure.connector.testkit.OpenLdapTools;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The size of a batch's requests against an OpenLDAP of its own (start-openldap.sh on a free
 * loopback port, its own data folder) whose limit on a bound client's request is the one OpenLDAP
 * documents, {@code olcSockbufMaxIncomingAuth: 4194303} (slapd closes the connection of a client
 * that sends more): the grants and revokes of one group whose member DNs come to more than the
 * default {@code batch.maxBytes} all succeed with the defaults, in requests the server takes, while
 * the former default (8,000,000) loses the connection on the same grants.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenLdapRequestSizeIT {

  /** OpenLDAP's documented default limit on a bound client's request (slapd-config(5)). */
  private static final String DOCUMENTED_LIMIT = "4194303";

  private static final int PEOPLE = 5000;

  private OpenLdapTools tools;
  private OpenLdapTools.Instance directory;
  private int port;

  /** A base with a long name, so that a few thousand member DNs come to the limit. */
  private String base;

  private final List<String> names = new ArrayList<>();

  @BeforeAll
  void startDirectory() throws Exception {
    tools = OpenLdapTools.fromProperty();
    directory = tools.start("tenure-request-size-ldap");
    port = directory.port();
    try (LDAPConnection config =
        new LDAPConnection("127.0.0.1", port, "cn=admin,cn=config", "secret")) {
      config.modify(
          "cn=config",
          new Modification(
              ModificationType.REPLACE, "olcSockbufMaxIncomingAuth", DOCUMENTED_LIMIT));
    }
    // four levels of about 200 characters each (back-mdb keeps a name's RDN in a record of at most
    // 511 bytes): member DNs of about 870 bytes
    String parent = OpenLdap.PEOPLE;
    try (LDAPConnection admin = admin()) {
      for (int level = 1; level <= 4; level++) {
        String ou = "level" + level + "-" + "long".repeat(48);
        parent = "ou=" + ou + "," + parent;
        admin.add(
            new Entry(
                parent,
                new com.unboundid.ldap.sdk.Attribute("objectClass", "organizationalUnit"),
                new com.unboundid.ldap.sdk.Attribute("ou", ou)));
      }
    }
    base = parent;
    try (LdapConnector connector = connector(Map.of())) {
      List<BatchCall> creates = new ArrayList<>();
      for (int index = 0; index < PEOPLE; index++) {
        String name = String.format("size%05d", index);
        names.add(name);
        creates.add(new BatchCall.Create(NewAccount.of(name, Map.of("cn", name, "sn", "S"), true)));
      }
      for (int from = 0; from < creates.size(); from += 1000) {
        assertThat(connector.execute(creates.subList(from, Math.min(creates.size(), from + 1000))))
            .noneMatch(BatchResult::failed);
      }
    }
  }

  @AfterAll
  void stopDirectory() throws Exception {
    if (directory != null) {
      tools.purge(directory);
    }
  }

  @Test
  void grantsAndRevokesOfAGroupBeyondTheDefaultMaxBytesSucceedOnTheDocumentedLimit()
      throws Exception {
    long bytes = 0;
    for (String name : names) {
      bytes += dn(name).getBytes(StandardCharsets.UTF_8).length + 4L;
    }
    // more than one request carries, less than two: the first one near the limit
    assertThat(bytes)
        .isGreaterThan(LdapSettings.DEFAULT_BATCH_MAX_BYTES)
        .isLessThan(2L * LdapSettings.DEFAULT_BATCH_MAX_BYTES)
        .isGreaterThan(Long.parseLong(DOCUMENTED_LIMIT));
    try (LdapConnector connector = connector(Map.of())) {
      List<BatchResult> granted = connector.execute(calls("everyone", true));

      assertThat(granted).hasSize(PEOPLE).noneMatch(BatchResult::failed);
      assertThat(members("everyone")).hasSize(PEOPLE);

      List<BatchResult> revoked =
          connector.execute(calls("everyone", false).subList(0, PEOPLE - 1));

      assertThat(revoked).hasSize(PEOPLE - 1).noneMatch(BatchResult::failed);
      assertThat(members("everyone")).containsExactly(dn(names.get(PEOPLE - 1)).toLowerCase());
    }
  }

  @Test
  void theFormerDefaultOf8MillionBytesLosesTheConnectionOnThatServer() throws Exception {
    try (LdapConnector connector = connector(Map.of("batch.maxBytes", "8000000"))) {
      List<BatchResult> granted = connector.execute(calls("toolarge", true));

      assertThat(granted)
          .hasSize(PEOPLE)
          .allSatisfy(
              result -> {
                assertThat(result.failed()).isTrue();
                assertThat(result.error().kind()).isEqualTo(ErrorKind.CONNECTION);
              });
      assertThat(members("toolarge")).isEmpty();
    }
  }

  private List<BatchCall> calls(String group, boolean granted) {
    return names.stream()
        .<BatchCall>map(
            name -> new BatchCall.SetEntitlement(AccountReference.named(name), group, granted))
        .toList();
  }

  private String dn(String name) {
    return "uid=" + name + "," + base;
  }

  private Set<String> members(String group) throws Exception {
    try (LDAPConnection admin = admin()) {
      Entry entry = admin.getEntry("cn=" + group + "," + OpenLdap.GROUPS, "member");
      if (entry == null || !entry.hasAttribute("member")) {
        return Set.of();
      }
      Set<String> members = new java.util.HashSet<>();
      for (String value : entry.getAttributeValues("member")) {
        members.add(value.toLowerCase());
      }
      return members;
    }
  }

  private LDAPConnection admin() throws Exception {
    return new LDAPConnection("127.0.0.1", port, OpenLdap.ADMIN, OpenLdap.PASSWORD);
  }

  private LdapConnector connector(Map<String, String> overrides) {
    Map<String, String> settings = new HashMap<>();
    settings.put("url", "ldap://127.0.0.1:" + port);
    settings.put("bindDn", OpenLdap.ADMIN);
    settings.put("password", OpenLdap.PASSWORD);
    settings.put("accounts.base", base);
    settings.put("groups.base", OpenLdap.GROUPS);
    settings.put("pool.size", "2");
    settings.put("timeout.seconds", "60");
    settings.putAll(overrides);
    return new LdapConnectorFactory()
        .create(new ConnectorConfiguration("request-size-it", settings, Set.of("password")));
  }
}
