package io.tenure.connector.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tenure.connector.spi.AccountReference;
import io.tenure.connector.spi.Connector;
import io.tenure.connector.spi.ConnectorConfiguration;
import io.tenure.connector.spi.ConnectorException;
import io.tenure.connector.spi.ConnectorFactory;
import io.tenure.connector.spi.ErrorKind;
import io.tenure.connector.spi.NewAccount;
import io.tenure.connector.spi.RemoteAccount;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FakeTargetTest {

  private final String targetName = "fake-target-test-" + System.identityHashCode(this);

  @AfterEach
  void forget() {
    FakeTarget.forget(targetName);
  }

  private FakeConnector connect(Map<String, String> settings) {
    return (FakeConnector)
        new FakeConnectorFactory()
            .create(new ConnectorConfiguration(targetName, settings, Set.of()));
  }

  private static NewAccount account(String name) {
    return NewAccount.of(name, Map.of("cn", name), true);
  }

  @Test
  void factoryIsFoundByServiceLoaderUnderTypeFake() {
    List<String> types = new ArrayList<>();
    ServiceLoader.load(ConnectorFactory.class).forEach(factory -> types.add(factory.type()));
    assertThat(types).contains("fake");
  }

  @Test
  void theFactoryConnectsToTheNamedTarget() {
    FakeConnector connector = connect(Map.of());
    connector.create(account("alice"));
    assertThat(FakeTarget.named(targetName).accountNames()).containsExactly("alice");
    assertThat(connector.target()).isSameAs(FakeTarget.named(targetName));
  }

  @Test
  void failNextFailsExactlyThatManyCallsBeforeTheirEffect() {
    FakeConnector connector = connect(Map.of());
    FakeTarget target = connector.target();
    target.failNext(2, ErrorKind.BUSY, FakeOperation.CREATE);

    for (int attempt = 0; attempt < 2; attempt++) {
      assertThatThrownBy(() -> connector.create(account("alice")))
          .isInstanceOfSatisfying(
              ConnectorException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(ErrorKind.BUSY);
                assertThat(e.retryable()).isTrue();
              });
    }
    assertThat(target.accountNames()).isEmpty();
    connector.create(account("alice"));
    assertThat(target.accountNames()).containsExactly("alice");
    assertThat(target.calls(FakeOperation.CREATE)).isEqualTo(3);
  }

  @Test
  void anOutageFailsEveryCallUntilItEndsAndKeepsPendingFaultsForLater() {
    FakeConnector connector = connect(Map.of());
    FakeTarget target = connector.target();
    target.failNext(1, ErrorKind.BUSY, FakeOperation.CREATE);
    target.startOutage();

    assertThat(target.isDown()).isTrue();
    assertThatThrownBy(connector::test)
        .isInstanceOfSatisfying(
            ConnectorException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONNECTION));
    assertThatThrownBy(() -> connector.find("alice")).isInstanceOf(ConnectorException.class);
    assertThatThrownBy(() -> connector.create(account("alice"))).hasMessageContaining("is down");
    assertThat(target.accountNames()).isEmpty();
    assertThat(target.calls(FakeOperation.TEST)).isEqualTo(1);

    target.endOutage();

    assertThat(target.isDown()).isFalse();
    connector.test();
    assertThatThrownBy(() -> connector.create(account("alice")))
        .isInstanceOfSatisfying(
            ConnectorException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.BUSY));
    connector.create(account("alice"));
    assertThat(target.accountNames()).containsExactly("alice");
  }

  @Test
  void anOutageCanFailWithTimeouts() {
    FakeConnector connector = connect(Map.of());
    connector.target().startOutage(ErrorKind.TIMEOUT);

    assertThatThrownBy(connector::test)
        .isInstanceOfSatisfying(
            ConnectorException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.TIMEOUT));
    connector.target().reset();
    connector.test();
  }

  @Test
  void faultsCanMatchOneAccount() {
    FakeConnector connector = connect(Map.of());
    connector.create(account("alice"));
    connector.create(account("bob"));
    connector.target().failNext(1, ErrorKind.TIMEOUT, FakeCall.on(FakeOperation.DISABLE, "bob"));

    connector.disable(AccountReference.named("alice"));
    assertThatThrownBy(() -> connector.disable(AccountReference.named("bob")))
        .isInstanceOf(ConnectorException.class);
    connector.disable(AccountReference.named("bob"));
    assertThat(connector.find("bob").map(RemoteAccount::enabled)).contains(false);
  }

  @Test
  void failAfterEffectChangesTheTargetAndStillFails() {
    FakeConnector connector = connect(Map.of());
    connector
        .target()
        .failNextAfterEffect(1, ErrorKind.CONNECTION, FakeCall.on(FakeOperation.CREATE));
    assertThatThrownBy(() -> connector.create(account("alice")))
        .isInstanceOfSatisfying(
            ConnectorException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONNECTION));
    assertThat(connector.target().accountNames()).containsExactly("alice");
  }

  @Test
  void faultsConfiguredBySettingsApply() {
    FakeConnector connector =
        connect(Map.of("fail.count", "1", "fail.kind", "busy", "fail.operation", "find"));
    assertThatThrownBy(() -> connector.find("x"))
        .isInstanceOfSatisfying(
            ConnectorException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.BUSY));
    assertThat(connector.find("x")).isEmpty();
  }

  @Test
  void badSettingsNameTheKey() {
    assertThatThrownBy(() -> connect(Map.of("page.size", "0")))
        .isInstanceOfSatisfying(
            ConnectorException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ErrorKind.CONFIGURATION);
              assertThat(e.getMessage()).contains("page.size");
            });
    assertThatThrownBy(() -> connect(Map.of("fail.count", "1", "fail.kind", "NOPE")))
        .isInstanceOfSatisfying(
            ConnectorException.class, e -> assertThat(e.getMessage()).contains("fail.kind"));
  }

  @Test
  void streamsReadPagesLazilyAndCountOpenStreams() {
    FakeConnector connector = connect(Map.of("page.size", "10"));
    for (int index = 0; index < 25; index++) {
      connector.create(account("user" + index));
    }
    FakeTarget target = connector.target();
    target.resetCalls();
    try (Stream<RemoteAccount> accounts = connector.accounts()) {
      assertThat(target.openStreams()).isEqualTo(1);
      assertThat(accounts.limit(3).count()).isEqualTo(3);
      assertThat(target.calls(FakeOperation.ACCOUNTS)).isEqualTo(1);
    }
    assertThat(target.openStreams()).isZero();
    try (Stream<RemoteAccount> accounts = connector.accounts()) {
      assertThat(accounts.count()).isEqualTo(25);
    }
    assertThat(target.calls(FakeOperation.ACCOUNTS)).isEqualTo(1 + 3);
  }

  @Test
  void aFaultCanBreakAStreamMidway() {
    FakeConnector connector = connect(Map.of("page.size", "2"));
    for (int index = 0; index < 5; index++) {
      connector.create(account("user" + index));
    }
    connector.target().failNext(1, ErrorKind.CONNECTION, FakeOperation.ACCOUNTS);
    try (Stream<RemoteAccount> accounts = connector.accounts()) {
      assertThatThrownBy(accounts::count).isInstanceOf(ConnectorException.class);
    }
  }

  @Test
  void entitlementsAreNotCreatedWhenDisallowed() {
    FakeConnector connector = connect(Map.of("entitlements.create", "false"));
    connector.create(account("alice"));
    assertThatThrownBy(() -> connector.grant(AccountReference.named("alice"), "staff"))
        .isInstanceOfSatisfying(
            ConnectorException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND));
    connector.target().defineEntitlement("staff");
    connector.grant(AccountReference.named("alice"), "staff");
    assertThat(connector.target().members("staff")).containsExactly("alice");
  }

  @Test
  void closedConnectorRefusesCalls() {
    Connector connector = connect(Map.of());
    connector.close();
    assertThatThrownBy(() -> ((FakeConnector) connector).find("x"))
        .isInstanceOf(ConnectorException.class);
  }

  @Test
  void concurrentCreatesAreAllStoredOnce() throws Exception {
    FakeConnector connector = connect(Map.of());
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int index = 0; index < 200; index++) {
        String name = "user" + index;
        futures.add(pool.submit(() -> connector.create(account(name))));
      }
      for (Future<?> future : futures) {
        future.get();
      }
    } finally {
      pool.shutdown();
    }
    assertThat(connector.target().accountNames()).hasSize(200);
    assertThat(connector.target().calls(FakeOperation.CREATE)).isEqualTo(200);
  }
}
