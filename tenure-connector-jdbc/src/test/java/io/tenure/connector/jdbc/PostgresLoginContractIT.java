package io.tenure.connector.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenure.connector.spi.AccountReference;
import io.tenure.connector.spi.Connector;
import io.tenure.connector.spi.ConnectorException;
import io.tenure.connector.spi.ErrorKind;
import io.tenure.connector.spi.NewAccount;
import io.tenure.connector.testkit.ConnectorContractTest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The connector contract for {@code jdbc-login} on the machine's PostgreSQL, plus its own cases.
 */
class PostgresLoginContractIT extends ConnectorContractTest {

  private static ScratchDatabase database;

  @BeforeAll
  static void createDatabase() throws Exception {
    database = ScratchDatabase.postgres();
    LoginContractSupport.createAttributesTable(database);
  }

  @AfterAll
  static void dropDatabase() throws Exception {
    database.close();
  }

  @Override
  protected Connector newConnector() {
    return new JdbcLoginConnectorFactory().create(LoginContractSupport.configuration(database));
  }

  @Override
  protected void cleanUp(String namespace) {
    try {
      LoginContractSupport.dropEverythingNamed(database, namespace);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  protected void assertResourcesReleased(Connector connector) {
    assertThat(((LoginConnector) connector).activeConnections()).isZero();
  }

  @Test
  void injectionInALoginNameIsHarmless() throws Exception {
    LoginConnector logins = (LoginConnector) connector;
    String hostile = name("x\"; DROP TABLE users; --");
    remember(hostile);
    logins.create(NewAccount.of(hostile, Map.of(), false));
    assertThat(database.query("SELECT COUNT(*) FROM users")).isEqualTo("0");
    try (Connection connection = DriverManager.getConnection(database.url)) {
      assertThat(
              LoginContractSupport.names(
                  connection, "SELECT rolname FROM pg_roles WHERE rolname = ?", hostile))
          .containsExactly(hostile);
    }
    assertThat(logins.find(hostile)).isPresent();
    logins.grant(AccountReference.named(hostile), name("r\"; DROP TABLE users; --"));
    assertThat(logins.find(hostile).orElseThrow().entitlements())
        .containsExactly(name("r\"; DROP TABLE users; --"));
    assertThat(database.query("SELECT COUNT(*) FROM users")).isEqualTo("0");
  }

  @Test
  void systemRolesAndForeignNamesAreNeverTouched() {
    LoginConnector logins = (LoginConnector) connector;
    for (String name : new String[] {"postgres", "pg_monitor", "other_login"}) {
      assertThat(logins.find(name)).isEmpty();
      ConnectorException e =
          org.assertj.core.api.Assertions.catchThrowableOfType(
              ConnectorException.class, () -> logins.delete(AccountReference.named(name)));
      assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT);
    }
    String own = name("x");
    create(own, true);
    ConnectorException e =
        org.assertj.core.api.Assertions.catchThrowableOfType(
            ConnectorException.class,
            () -> logins.grant(AccountReference.named(own), "pg_read_server_files"));
    assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT);
    try (var accounts = logins.accounts()) {
      assertThat(accounts).allSatisfy(account -> assertThat(account.name()).startsWith("ct"));
    }
  }

  @Test
  void aPrefixedRoleTenureDidNotMarkIsNeverListedFoundOrAdoptedButItsNameIsInUse()
      throws Exception {
    LoginConnector logins = (LoginConnector) connector;
    String handMade = name("admin");
    remember(handMade);
    database.execute("CREATE ROLE \"" + handMade + "\" LOGIN SUPERUSER");

    assertThat(logins.find(handMade)).isEmpty();
    try (var accounts = logins.accounts()) {
      assertThat(accounts).noneMatch(account -> account.name().equals(handMade));
    }
    ConnectorException exists =
        org.assertj.core.api.Assertions.catchThrowableOfType(
            ConnectorException.class, () -> logins.create(NewAccount.of(handMade, Map.of(), true)));
    assertThat(exists.kind()).isEqualTo(ErrorKind.ALREADY_EXISTS);
    assertThat(logins.namesInUse(java.util.List.of(handMade, name("free"))))
        .containsExactly(handMade);
    assertThat(
            database.query(
                "SELECT rolcanlogin::text || rolsuper::text FROM pg_roles WHERE rolname = '"
                    + handMade
                    + "'"))
        .as("untouched")
        .isEqualTo("truetrue");
  }

  @Test
  void namesLongerThanPostgresHoldsAreRejected() {
    LoginConnector logins = (LoginConnector) connector;
    String tooLong = name("é".repeat(30));
    ConnectorException e =
        org.assertj.core.api.Assertions.catchThrowableOfType(
            ConnectorException.class, () -> logins.create(NewAccount.of(tooLong, Map.of(), true)));
    assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT);
  }

  @Test
  void loginIsARealLoginAndDisableRemovesLogin() throws Exception {
    LoginConnector logins = (LoginConnector) connector;
    String name = name("real");
    create(name, true);
    String canLogin = "SELECT rolcanlogin FROM pg_roles WHERE rolname = '" + name + "'";
    assertThat(database.query(canLogin)).isEqualTo("t");
    logins.disable(AccountReference.named(name));
    assertThat(database.query(canLogin)).isEqualTo("f");
  }
}
