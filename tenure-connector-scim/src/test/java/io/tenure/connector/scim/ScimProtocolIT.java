package io.tenure.connector.scim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tenure.connector.scim.ScimTestServer.RecordedRequest;
import io.tenure.connector.spi.AccountReference;
import io.tenure.connector.spi.AttributeDelta;
import io.tenure.connector.spi.ConnectorConfiguration;
import io.tenure.connector.spi.ConnectorException;
import io.tenure.connector.spi.ErrorKind;
import io.tenure.connector.spi.NewAccount;
import io.tenure.connector.spi.RemoteAccount;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Protocol behaviour of the connector against the third-party in-memory SCIM provider. */
class ScimProtocolIT {

  private final List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());

  private ScimConnector connector(ScimTestServer server, Map<String, String> extra) {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("url", server.baseUrl());
    settings.put("groups.create", "true");
    settings.putAll(extra);
    return new ScimConnector(
        ScimSettings.from(
            new ConnectorConfiguration(
                "protocol", settings, Set.of("auth.token", "auth.password"))),
        Clock.systemUTC(),
        sleeps::add);
  }

  private static NewAccount account(String name) {
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("name.givenName", "Pat");
    attributes.put("name.familyName", "Smith");
    attributes.put("emails.work", "pat@example.com");
    attributes.put("title", "Engineer");
    return NewAccount.of(name, attributes, true);
  }

  private static List<RecordedRequest> withMethod(ScimTestServer server, String method) {
    return server.requests().stream().filter(r -> r.method().equals(method)).toList();
  }

  @Test
  void patchCarriesOnlyTheChangedAttributes() throws IOException {
    try (ScimTestServer server = ScimTestServer.start();
        ScimConnector connector = connector(server, Map.of())) {
      connector.create(account("pat"));
      server.clearRequests();

      connector.update(
          AccountReference.named("pat"),
          List.of(
              AttributeDelta.replace("title", "Manager"),
              AttributeDelta.replace("name.givenName", "Pat"),
              AttributeDelta.replace("emails.work", "pat@example.com")));

      List<RecordedRequest> patches = withMethod(server, "PATCH");
      assertThat(patches).hasSize(1);
      assertThat(patches.get(0).body()).contains("\"title\"", "Manager");
      assertThat(patches.get(0).body()).doesNotContain("givenName", "emails", "pat@example.com");
      assertThat(connector.find("pat").orElseThrow().first("title")).contains("Manager");

      server.clearRequests();
      connector.update(
          AccountReference.named("pat"), List.of(AttributeDelta.replace("title", "Manager")));
      assertThat(withMethod(server, "PATCH")).as("an unchanged value sends nothing").isEmpty();

      server.clearRequests();
      connector.update(
          AccountReference.named("pat"),
          List.of(AttributeDelta.replace("emails.work", "pat.smith@example.com")));
      String body = withMethod(server, "PATCH").get(0).body();
      assertThat(body).contains("\"remove\"", "emails[type eq \\\"work\\\"]", "\"add\"");
      RemoteAccount found = connector.find("pat").orElseThrow();
      assertThat(found.attributes().get("emails.work")).containsExactly("pat.smith@example.com");
      assertThat(found.first("name.givenName")).contains("Pat");
    }
  }

  @Test
  void membershipChangesPatchTheGroupAndRemoveByValueFilter() throws IOException {
    try (ScimTestServer server = ScimTestServer.start();
        ScimConnector connector = connector(server, Map.of())) {
      RemoteAccount pat = connector.create(account("pat"));
      connector.grant(AccountReference.named("pat"), "staff");
      connector.grant(AccountReference.named("pat"), "staff");
      assertThat(connector.find("pat").orElseThrow().entitlements()).containsExactly("staff");
      server.clearRequests();

      connector.revoke(AccountReference.named("pat"), "staff");
      List<RecordedRequest> patches = withMethod(server, "PATCH");
      assertThat(patches).hasSize(1);
      assertThat(patches.get(0).path()).startsWith(ScimTestServer.PATH + "/Groups/");
      assertThat(patches.get(0).body())
          .contains("\"remove\"", "members[value eq \\\"" + pat.nativeId() + "\\\"]");
      assertThat(connector.find("pat").orElseThrow().entitlements()).isEmpty();
    }
  }

  @Test
  void withoutPatchSupportTheConnectorReplacesWholeResources() throws IOException {
    try (ScimTestServer server = ScimTestServer.start(false, true, null);
        ScimConnector connector = connector(server, Map.of())) {
      assertThat(connector.features().patch()).isFalse();
      connector.create(account("pat"));
      connector.update(
          AccountReference.named("pat"),
          List.of(AttributeDelta.replace("title", "Manager"), AttributeDelta.clear("emails.work")));
      connector.disable(AccountReference.named("pat"));
      connector.grant(AccountReference.named("pat"), "staff");
      connector.grant(AccountReference.named("pat"), "admins");
      connector.revoke(AccountReference.named("pat"), "admins");

      assertThat(withMethod(server, "PATCH")).isEmpty();
      assertThat(withMethod(server, "PUT")).hasSize(3);
      RemoteAccount found = connector.find("pat").orElseThrow();
      assertThat(found.first("title")).contains("Manager");
      assertThat(found.attributes()).doesNotContainKey("emails.work");
      assertThat(found.first("name.familyName")).contains("Smith");
      assertThat(found.enabled()).isFalse();
      assertThat(found.entitlements()).containsExactly("staff");
    }
  }

  @Test
  void withoutFilterSupportTheConnectorScansPages() throws IOException {
    try (ScimTestServer server = ScimTestServer.start(true, false, null);
        ScimConnector connector = connector(server, Map.of("pageSize", "2"))) {
      for (String name : List.of("ann", "ben", "cat", "dan", "eve")) {
        connector.create(account(name));
      }
      connector.grant(AccountReference.named("dan"), "staff");
      assertThat(connector.find("dan").orElseThrow().entitlements()).containsExactly("staff");
      assertThat(connector.find("zed")).isEmpty();
      try (Stream<RemoteAccount> accounts = connector.accounts()) {
        assertThat(accounts.map(RemoteAccount::name))
            .containsExactly("ann", "ben", "cat", "dan", "eve");
      }
      assertThat(server.requests()).noneMatch(request -> request.query().contains("filter="));
    }
  }

  @Test
  void accountFilterAndGroupSearchAreSentToTheProvider() throws IOException {
    try (ScimTestServer server = ScimTestServer.start();
        ScimConnector connector =
            connector(
                server,
                Map.of(
                    "accounts.filter", "title eq \"Engineer\"",
                    "entitlements.source", "group-search",
                    "pageSize", "2"))) {
      for (String name : List.of("ann", "ben", "cat")) {
        connector.create(account(name));
      }
      connector.update(
          AccountReference.named("ben"), List.of(AttributeDelta.replace("title", "Manager")));
      connector.grant(AccountReference.named("cat"), "staff");
      try (Stream<RemoteAccount> accounts = connector.accounts()) {
        assertThat(accounts.map(a -> a.name() + a.entitlements()))
            .containsExactly("ann[]", "cat[staff]");
      }
      assertThat(server.requests())
          .anyMatch(request -> request.query().contains("filter=title eq \"Engineer\""))
          .anyMatch(request -> request.query().contains("filter=members.value eq"));
    }
  }

  @Test
  void throttlingIsRetriedAfterTheAnnouncedWait() throws IOException {
    try (ScimTestServer server = ScimTestServer.start();
        ScimConnector connector = connector(server, Map.of())) {
      connector.create(account("pat"));
      server.failNext(1, 429, "2");
      server.failNext(1, 503, "1");
      assertThat(connector.find("pat")).isPresent();
      assertThat(sleeps).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(1));
    }
  }

  @Test
  void throttlingBeyondTheBoundsFailsRetryablyAsBusy() throws IOException {
    try (ScimTestServer server = ScimTestServer.start();
        ScimConnector connector = connector(server, Map.of("retry.maxWaitSeconds", "10"))) {
      server.failNext(1, 429, "3600");
      assertThatThrownBy(() -> connector.find("pat"))
          .isInstanceOfSatisfying(
              ConnectorException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(ErrorKind.BUSY);
                assertThat(e.retryable()).isTrue();
              });
      assertThat(sleeps).isEmpty();

      server.clearRequests();
      server.failNext(5, 503, null);
      assertThatThrownBy(() -> connector.find("pat"))
          .isInstanceOfSatisfying(
              ConnectorException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.BUSY));
      assertThat(server.requests()).as("three attempts").hasSize(3);
      assertThat(sleeps).hasSize(2);
    }
  }

  @Test
  void bearerTokenIsRequiredAndNeverShown() throws IOException {
    try (ScimTestServer server =
        ScimTestServer.start(true, true, AuthorizationHeaders.bearer("right-token-42"))) {
      try (ScimConnector wrong = connector(server, Map.of("auth.token", "wrong-token-17"))) {
        assertThatThrownBy(wrong::test)
            .isInstanceOfSatisfying(
                ConnectorException.class,
                e -> {
                  assertThat(e.kind()).isEqualTo(ErrorKind.PERMISSION);
                  assertThat(e.getMessage()).doesNotContain("wrong-token-17");
                });
      }
      try (ScimConnector none = connector(server, Map.of())) {
        assertThatThrownBy(() -> none.find("pat"))
            .isInstanceOfSatisfying(
                ConnectorException.class,
                e -> assertThat(e.kind()).isEqualTo(ErrorKind.PERMISSION));
      }
      try (ScimConnector right = connector(server, Map.of("auth.token", "right-token-42"))) {
        right.test();
        assertThat(right.create(account("pat")).name()).isEqualTo("pat");
      }
    }
  }

  @Test
  void basicCredentialsAreRequiredAndNeverShown() throws IOException {
    try (ScimTestServer server =
        ScimTestServer.start(true, true, AuthorizationHeaders.basic("svc", "pa55word"))) {
      try (ScimConnector wrong =
          connector(server, Map.of("auth.username", "svc", "auth.password", "bad-pa55"))) {
        assertThatThrownBy(() -> wrong.create(account("pat")))
            .isInstanceOfSatisfying(
                ConnectorException.class,
                e -> {
                  assertThat(e.kind()).isEqualTo(ErrorKind.PERMISSION);
                  assertThat(e.getMessage()).doesNotContain("bad-pa55");
                });
      }
      try (ScimConnector bearer = connector(server, Map.of("auth.token", "pa55word"))) {
        assertThatThrownBy(bearer::test)
            .isInstanceOfSatisfying(
                ConnectorException.class,
                e -> assertThat(e.kind()).isEqualTo(ErrorKind.PERMISSION));
      }
      try (ScimConnector right =
          connector(server, Map.of("auth.username", "svc", "auth.password", "pa55word"))) {
        right.test();
        assertThat(right.create(account("pat")).name()).isEqualTo("pat");
      }
    }
  }

  @Test
  void anUnreachableProviderIsARetryableConnectionFailure() throws IOException {
    ScimTestServer stopped = ScimTestServer.start();
    stopped.close();
    try (ScimConnector connector = connector(stopped, Map.of())) {
      assertThatThrownBy(connector::test)
          .isInstanceOfSatisfying(
              ConnectorException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(ErrorKind.CONNECTION);
                assertThat(e.retryable()).isTrue();
              });
    }
  }
}
