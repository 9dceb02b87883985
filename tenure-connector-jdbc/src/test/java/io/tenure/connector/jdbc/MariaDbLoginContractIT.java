package io.tenure.connector.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

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

/** The connector contract for {@code jdbc-login} on the machine's MariaDB, plus its own cases. */
class MariaDbLoginContractIT extends ConnectorContractTest {

  private static ScratchDatabase database;

  @BeforeAll
  static void createDatabase() throws Exception {
    database = ScratchDatabase.mariaDb();
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
  void injectionInAUserNameIsHarmless() throws Exception {
    LoginConnector logins = (LoginConnector) connector;
    String hostile = name("x'; DROP USER root; --");
    remember(hostile);
    logins.create(NewAccount.of(hostile, Map.of(), false));
    String slashed = name("y\\'; DROP TABLE users; --");
    remember(slashed);
    logins.create(NewAccount.of(slashed, Map.of(), true));
    try (Connection connection = DriverManager.getConnection(database.url)) {
      assertThat(
              LoginContractSupport.names(
                  connection, "SELECT User FROM mysql.user WHERE User = ?", hostile))
          .containsExactly(hostile);
      assertThat(
              LoginContractSupport.names(
                  connection, "SELECT User FROM mysql.user WHERE User = ?", slashed))
          .containsExactly(slashed);
      assertThat(
              LoginContractSupport.names(
                  connection, "SELECT User FROM mysql.user WHERE User = ?", "root"))
          .isNotEmpty();
    }
    assertThat(database.query("SELECT COUNT(*) FROM users")).isEqualTo("0");
    String role = name("r`; DROP TABLE users; --");
    logins.grant(AccountReference.named(hostile), role);
    assertThat(logins.find(hostile).orElseThrow().entitlements()).containsExactly(role);
    assertThat(logins.find(hostile).orElseThrow().enabled()).isFalse();
  }

  @Test
  void systemUsersAndForeignNamesAreNeverTouched() {
    LoginConnector logins = (LoginConnector) connector;
    for (String name : new String[] {"root", "mysql", "mariadb.sys", "other_login"}) {
      assertThat(logins.find(name)).isEmpty();
      ConnectorException e =
          catchThrowableOfType(
              ConnectorException.class, () -> logins.disable(AccountReference.named(name)));
      assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT);
    }
    try (var accounts = logins.accounts()) {
      assertThat(accounts).allSatisfy(account -> assertThat(account.name()).startsWith("ct"));
    }
  }

  @Test
  void namesMariaDbCannotHoldAreRejected() {
    LoginConnector logins = (LoginConnector) connector;
    for (String bad : new String[] {name("x".repeat(130)), name("emoji-\uD83D\uDE00")}) {
      ConnectorException e =
          catchThrowableOfType(
              ConnectorException.class, () -> logins.create(NewAccount.of(bad, Map.of(), true)));
      assertThat(e.kind()).as(bad).isEqualTo(ErrorKind.INVALID_INPUT);
    }
  }

  @Test
  void disableLocksTheAccount() throws Exception {
    LoginConnector logins = (LoginConnector) connector;
    String name = name("real");
    create(name, true);
    String locked =
        "SELECT JSON_VALUE(Priv, '$.account_locked') FROM mysql.global_priv WHERE User = '"
            + name
            + "'";
    logins.disable(AccountReference.named(name));
    assertThat(database.query(locked)).isIn("1", "true");
    logins.enable(AccountReference.named(name));
    assertThat(database.query(locked)).isNotIn("1", "true");
  }
}
