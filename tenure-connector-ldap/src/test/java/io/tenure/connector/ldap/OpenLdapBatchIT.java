package io.tenure.connector.ldap;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.listener.AccessLogRequestHandler;
import com.unboundid.ldap.listener.LDAPListener;
import com.unboundid.ldap.listener.LDAPListenerConfig;
import com.unboundid.ldap.listener.ProxyRequestHandler;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPURL;
import com.unboundid.ldap.sdk.SingleServerSet;
import io.tenure.connector.spi.AccountReference;
import io.tenure.connector.spi.BatchCall;
import io.tenure.connector.spi.BatchResult;
import io.tenure.connector.spi.ErrorKind;
import io.tenure.connector.spi.NewAccount;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Batches on the real OpenLDAP (memberof, refint, ppolicy), through a proxy in the test that counts
 * the requests: the grants of one group are one modify, one failing member does not fail the
 * others, and a group Tenure did not create keeps its last member.
 */
class OpenLdapBatchIT {

  private final String namespace = "bat" + UUID.randomUUID().toString().substring(0, 8);
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private LDAPListener proxy;
  private LdapConnector connector;

  @BeforeEach
  void start() throws Exception {
    LDAPURL url = new LDAPURL(OpenLdap.URL);
    Handler counter =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            if (record.getMessage().contains(" REQUEST ")) {
              requests.add(record.getMessage());
            }
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    LDAPListenerConfig config =
        new LDAPListenerConfig(
            0,
            new AccessLogRequestHandler(
                counter,
                new ProxyRequestHandler(new SingleServerSet(url.getHost(), url.getPort()))));
    config.setListenAddress(InetAddress.getLoopbackAddress());
    proxy = new LDAPListener(config);
    proxy.startListening();
    connector =
        OpenLdap.connector(
            Map.of("url", "ldap://127.0.0.1:" + proxy.getListenPort(), "pool.size", "3"));
  }

  @AfterEach
  void stop() {
    connector.close();
    proxy.shutDown(true);
    OpenLdap.deleteNamespace(namespace);
  }

  private List<String> people(String suffix, int count) {
    List<String> names = new ArrayList<>();
    List<BatchCall> creates = new ArrayList<>();
    for (int index = 0; index < count; index++) {
      String name = namespace + suffix + index;
      names.add(name);
      creates.add(new BatchCall.Create(NewAccount.of(name, Map.of("cn", name, "sn", "B"), true)));
    }
    List<BatchResult> results = connector.execute(creates);
    assertThat(results).allSatisfy(result -> assertThat(result.created()).isNotNull());
    return names;
  }

  private static List<BatchCall> calls(List<String> names, String group, boolean granted) {
    return names.stream()
        .<BatchCall>map(
            name -> new BatchCall.SetEntitlement(AccountReference.named(name), group, granted))
        .toList();
  }

  private long requestsTo(String operation, String group) {
    String dn = "dn=\"cn=" + group + "," + OpenLdap.GROUPS + "\"";
    return requests.stream()
        .filter(line -> line.contains(operation + " REQUEST") && line.contains(dn))
        .count();
  }

  private static List<String> members(String group) throws Exception {
    try (LDAPConnection admin = OpenLdap.adminConnection()) {
      Entry entry = admin.getEntry("cn=" + group + "," + OpenLdap.GROUPS, "member");
      if (entry == null || !entry.hasAttribute("member")) {
        return List.of();
      }
      List<String> names = new ArrayList<>();
      for (String value : entry.getAttributeValues("member")) {
        names.add(value.substring("uid=".length(), value.indexOf(',')));
      }
      return names;
    }
  }

  private static String memberOf(String name) throws Exception {
    try (LDAPConnection admin = OpenLdap.adminConnection()) {
      return String.join(
          ";",
          admin
              .getEntry("uid=" + name + "," + OpenLdap.PEOPLE, "memberOf")
              .getAttributeValues("memberOf"));
    }
  }

  @Test
  void theGrantsOfABatchAreOneModifyPerGroup() throws Exception {
    List<String> names = people("-p", 60);
    String staff = namespace + "-staff";
    String sales = namespace + "-sales";
    connector.grant(AccountReference.named(names.get(0)), staff);
    connector.grant(AccountReference.named(names.get(0)), sales);
    List<BatchCall> calls = new ArrayList<>(calls(names.subList(1, 60), staff, true));
    calls.addAll(calls(names.subList(1, 60), sales, true));
    requests.clear();

    List<BatchResult> results = connector.execute(calls);

    assertThat(results).hasSize(118).noneMatch(BatchResult::failed);
    assertThat(requestsTo("MODIFY", staff)).isEqualTo(1);
    assertThat(requestsTo("MODIFY", sales)).isEqualTo(1);
    assertThat(members(staff)).containsExactlyInAnyOrderElementsOf(names);
    assertThat(members(sales)).containsExactlyInAnyOrderElementsOf(names);
    // the memberof overlay saw every value of the grouped modify
    assertThat(memberOf(names.get(42))).contains(staff).contains(sales);
  }

  @Test
  void batchCreatedAccountsAreWhatASingleCreateReturns() {
    String enabled = namespace + "-on";
    String disabled = namespace + "-off";
    String taken = namespace + "-taken";
    connector.create(NewAccount.of(taken, Map.of("cn", taken, "sn", "T"), true));
    requests.clear();

    List<BatchResult> results =
        connector.execute(
            List.of(
                new BatchCall.Create(
                    NewAccount.of(
                        enabled, Map.of("cn", enabled, "sn", "On", "mail", "a@b.c"), true)),
                new BatchCall.Create(NewAccount.of(taken, Map.of("cn", taken, "sn", "T"), true)),
                new BatchCall.Create(
                    NewAccount.of(disabled, Map.of("cn", disabled, "sn", "Off"), false))));
    // the entries came back in the adds' responses: no read of them, one search for their groups
    // (the pool's health check reads the root DSE of every new connection: not counted)
    long searches =
        requests.stream()
            .filter(line -> line.contains("SEARCH REQUEST") && line.contains("dc=example,dc=com"))
            .count();

    assertThat(searches).isEqualTo(1);
    assertThat(results.get(0).created()).isEqualTo(connector.find(enabled).orElseThrow());
    assertThat(results.get(0).created().enabled()).isTrue();
    assertThat(results.get(1).error().kind()).isEqualTo(ErrorKind.ALREADY_EXISTS);
    assertThat(results.get(2).created()).isEqualTo(connector.find(disabled).orElseThrow());
    assertThat(results.get(2).created().enabled()).isFalse();
  }

  @Test
  void oneFailingMemberOfAGroupedGrantFailsAloneAndAPresentOneIsSuccess() throws Exception {
    List<String> names = people("-q", 8);
    String group = namespace + "-eng";
    connector.grant(AccountReference.named(names.get(5)), group); // already a member
    List<String> asked = new ArrayList<>(names);
    String ghost = namespace + "-ghost";
    asked.add(2, ghost);
    requests.clear();

    List<BatchResult> results = connector.execute(calls(asked, group, true));

    for (int index = 0; index < asked.size(); index++) {
      BatchResult result = results.get(index);
      if (asked.get(index).equals(ghost)) {
        assertThat(result.error().kind()).isEqualTo(ErrorKind.NOT_FOUND);
        assertThat(result.error().getMessage()).contains(ghost);
      } else {
        assertThat(result.failed()).as(asked.get(index)).isFalse();
      }
    }
    assertThat(members(group)).containsExactlyInAnyOrderElementsOf(names);
    assertThat(requestsTo("MODIFY", group)).isEqualTo(2);
  }

  @Test
  void aGroupTenureDidNotCreateKeepsItsLastMemberAndOnlyThatRevokeFails() throws Exception {
    List<String> names = people("-r", 3);
    String handmade = namespace + "-oncall";
    try (LDAPConnection admin = OpenLdap.adminConnection()) {
      List<String> dns = names.stream().map(name -> "uid=" + name + "," + OpenLdap.PEOPLE).toList();
      admin.add(
          new Entry(
              "cn=" + handmade + "," + OpenLdap.GROUPS,
              new Attribute("objectClass", "top", "groupOfNames"),
              new Attribute("cn", handmade),
              new Attribute("description", "the on-call rota"),
              new Attribute("member", dns)));
    }
    String made = namespace + "-made";
    connector.execute(calls(names, made, true));

    List<BatchResult> fromHandmade = connector.execute(calls(names, handmade, false));
    List<BatchResult> fromMade = connector.execute(calls(names, made, false));

    assertThat(fromHandmade.stream().filter(BatchResult::failed).toList())
        .singleElement()
        .satisfies(
            result -> {
              assertThat(result.error().kind()).isEqualTo(ErrorKind.CONSTRAINT);
              assertThat(result.error().getMessage()).contains("Tenure did not create");
            });
    assertThat(members(handmade)).hasSize(1);
    assertThat(fromMade).noneMatch(BatchResult::failed);
    try (LDAPConnection admin = OpenLdap.adminConnection()) {
      assertThat(admin.getEntry("cn=" + made + "," + OpenLdap.GROUPS)).isNull();
    }
  }

  @Test
  void aNewGroupIsOneAddWithAllItsGrantsBeyondOneBatchAndAMissingAccountFailsAlone()
      throws Exception {
    List<String> names = people("-n", 1500); // more than batch.size and than one search's filter
    String group = namespace + "-all";
    List<String> asked = new ArrayList<>(names);
    String ghost = namespace + "-ghost";
    asked.add(700, ghost);
    requests.clear();

    List<BatchResult> results = connector.execute(calls(asked, group, true));

    assertThat(results).hasSize(1501);
    for (int index = 0; index < asked.size(); index++) {
      if (asked.get(index).equals(ghost)) {
        assertThat(results.get(index).error().kind()).isEqualTo(ErrorKind.NOT_FOUND);
      } else {
        assertThat(results.get(index).failed()).as(asked.get(index)).isFalse();
      }
    }
    // one modify finds no group; one add creates it with all 1,500 members, as ldapadd would
    assertThat(requestsTo("ADD", group)).isEqualTo(1);
    assertThat(requestsTo("MODIFY", group)).isEqualTo(1);
    assertThat(members(group)).containsExactlyInAnyOrderElementsOf(names);
    assertThat(memberOf(names.get(1234))).contains(group);
    try (LDAPConnection admin = OpenLdap.adminConnection()) {
      assertThat(
              admin
                  .getEntry("cn=" + group + "," + OpenLdap.GROUPS, "description")
                  .getAttributeValue("description"))
          .isEqualTo(LdapSettings.DEFAULT_GROUP_MARKER);
    }
  }

  @Test
  void anExistingGroupGetsTheGrantsByModifiesOfAtMostMaxBytes() throws Exception {
    try (LdapConnector small =
        OpenLdap.connector(
            Map.of("url", "ldap://127.0.0.1:" + proxy.getListenPort(), "batch.maxBytes", "2000"))) {
      List<String> names = people("-m", 90);
      String group = namespace + "-big";
      small.grant(AccountReference.named(names.get(0)), group);
      int modifies = 1;
      int bytes = 0;
      for (String name : names.subList(1, 90)) {
        int size = ("uid=" + name + "," + OpenLdap.PEOPLE).length() + 4; // value and encoding
        if (bytes + size > 2000) {
          modifies++;
          bytes = 0;
        }
        bytes += size;
      }
      requests.clear();

      List<BatchResult> results = small.execute(calls(names.subList(1, 90), group, true));

      assertThat(results).hasSize(89).noneMatch(BatchResult::failed);
      assertThat(requestsTo("ADD", group)).isZero();
      assertThat(modifies).as("the setting splits them").isGreaterThan(1);
      assertThat(requestsTo("MODIFY", group)).isEqualTo(modifies);
      assertThat(members(group)).containsExactlyInAnyOrderElementsOf(names);
    }
  }

  @Test
  void grantsRetriedAfterTheyTookEffectSucceedAsDone() throws Exception {
    List<String> names = people("-t", 40);
    String group = namespace + "-again";
    assertThat(connector.execute(calls(names.subList(0, 25), group, true)))
        .noneMatch(BatchResult::failed);

    // as after a crash between the directory's answer and the recording: the same grants again,
    // and with them more, to a group that now exists and holds some of them
    List<BatchResult> again = connector.execute(calls(names, group, true));

    assertThat(again).hasSize(40).noneMatch(BatchResult::failed);
    assertThat(members(group)).hasSize(40).containsExactlyInAnyOrderElementsOf(names);
    assertThat(connector.execute(calls(names, group, true))).noneMatch(BatchResult::failed);
    assertThat(members(group)).hasSize(40);
  }

  @Test
  void whenTheGroupedRequestFailsEachGrantGetsItsOwnOutcome() throws Exception {
    List<String> names = people("-f", 5);
    String role = namespace + "-role";
    try (LDAPConnection admin = OpenLdap.adminConnection()) {
      // an entry of that name that cannot hold members: every grouped request to it fails
      admin.add(
          new Entry(
              "cn=" + role + "," + OpenLdap.GROUPS,
              new Attribute("objectClass", "top", "organizationalRole"),
              new Attribute("cn", role)));
    }
    requests.clear();

    List<BatchResult> results = connector.execute(calls(names, role, true));

    assertThat(results)
        .hasSize(5)
        .allSatisfy(result -> assertThat(result.error().kind()).isEqualTo(ErrorKind.SCHEMA));
    // one grouped modify, then the single grant of each, each with its own answer
    assertThat(requestsTo("MODIFY", role)).isEqualTo(6);
  }
}
