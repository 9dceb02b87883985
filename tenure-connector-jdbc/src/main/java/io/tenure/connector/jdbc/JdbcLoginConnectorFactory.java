package io.tenure.connector.jdbc;

import io.tenure.connector.spi.Connector;
import io.tenure.connector.spi.ConnectorConfiguration;
import io.tenure.connector.spi.ConnectorException;
import io.tenure.connector.spi.ConnectorFactory;
import io.tenure.connector.spi.ErrorKind;
import java.util.Optional;

/**
 * Creates connectors of type {@code jdbc-login}: real database logins on PostgreSQL or MariaDB
 * (dialect from the URL), with database roles as entitlements. Settings (see
 * docs/connectors/jdbc.md): {@code url}, {@code username}, {@code password} (secret), {@code
 * login.prefix} (required), {@code login.marker}, {@code login.host}, {@code roles.create}, {@code
 * roles.prefix}, {@code attributes.table}, {@code page.size}, {@code pool.size}, {@code
 * connection.timeoutSeconds}, {@code statement.timeoutSeconds}.
 */
public final class JdbcLoginConnectorFactory implements ConnectorFactory {

  /** The connector type name. */
  public static final String TYPE = "jdbc-login";

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public Connector create(ConnectorConfiguration configuration) {
    Dialect dialect = Dialect.of(configuration.required("url"));
    String prefix = configuration.required("login.prefix");
    String marker = configuration.get("login.marker", "managed by tenure");
    String host = configuration.get("login.host", "%");
    LoginDialect logins =
        switch (dialect) {
          case POSTGRESQL -> new PostgresLogins(marker);
          case MARIADB -> new MariaDbLogins(host);
          case STANDARD ->
              throw new ConnectorException(
                  ErrorKind.CONFIGURATION,
                  "target '"
                      + configuration.targetName()
                      + "': setting 'url' must name PostgreSQL (jdbc:postgresql:) or MariaDB"
                      + " (jdbc:mariadb:) for jdbc-login");
        };
    LoginScope scope =
        new LoginScope(
            prefix,
            configuration.optional("roles.prefix"),
            configuration.optional("username"),
            configuration.flag("roles.create", false));
    Optional<String> attributes = configuration.optional("attributes.table").map(String::trim);
    int pageSize = Database.positive(configuration, "page.size", 500);
    return new LoginConnector(logins, scope, attributes, pageSize, new Database(configuration));
  }
}
