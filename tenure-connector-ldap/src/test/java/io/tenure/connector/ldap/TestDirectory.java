package io.tenure.connector.ldap;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import io.tenure.connector.spi.ConnectorConfiguration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** The connector's tests' view of an {@link InMemoryDirectory}. */
final class TestDirectory implements AutoCloseable {

  static final String BASE = InMemoryDirectory.BASE;
  static final String PEOPLE = InMemoryDirectory.PEOPLE;
  static final String GROUPS = InMemoryDirectory.GROUPS;
  static final String ADMIN = InMemoryDirectory.ADMIN;
  static final String PASSWORD = "secret";
  static final String AD_CLASS = InMemoryDirectory.ACCOUNT_CONTROL_CLASS;

  private final InMemoryDirectory directory;
  final InMemoryDirectoryServer server;

  TestDirectory() {
    directory = InMemoryDirectory.start(PASSWORD);
    server = directory.directoryServer();
  }

  String url() {
    return directory.url();
  }

  /** Settings for this directory, overridden by {@code overrides}. */
  ConnectorConfiguration configuration(Map<String, String> overrides) {
    Map<String, String> settings = new HashMap<>();
    settings.put("url", url());
    settings.put("bindDn", ADMIN);
    settings.put("password", PASSWORD);
    settings.put("accounts.base", PEOPLE);
    settings.put("groups.base", GROUPS);
    settings.put("page.size", "25");
    settings.put("pool.size", "2");
    settings.put("timeout.seconds", "5");
    settings.putAll(overrides);
    return new ConnectorConfiguration("in-memory", settings, Set.of("password"));
  }

  LdapConnector connector(Map<String, String> overrides) {
    return new LdapConnectorFactory().create(configuration(overrides));
  }

  @Override
  public void close() {
    directory.close();
  }
}
