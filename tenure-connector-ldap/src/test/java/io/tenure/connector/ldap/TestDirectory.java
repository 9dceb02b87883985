package io.tenure.connector.ldap;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.schema.Schema;
import io.tenure.connector.spi.ConnectorConfiguration;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * An in-memory directory on a free loopback port: dc=example,dc=com with ou=people and ou=groups,
 * the standard schema plus pwdAccountLockedTime (operational, as in OpenLDAP's ppolicy, but with
 * directory string syntax because the SDK cannot parse the year 0000 of 000001010000Z) and an
 * Active Directory-like userAccountControl with an auxiliary class allowing it.
 */
final class TestDirectory implements AutoCloseable {

  static final String BASE = "dc=example,dc=com";
  static final String PEOPLE = "ou=people," + BASE;
  static final String GROUPS = "ou=groups," + BASE;
  static final String ADMIN = "cn=admin," + BASE;
  static final String PASSWORD = "secret";
  static final String AD_CLASS = "tenureTestAccountControl";

  final InMemoryDirectoryServer server;

  TestDirectory() throws Exception {
    InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE);
    config.addAdditionalBindCredentials(ADMIN, PASSWORD);
    config.setListenerConfigs(
        InMemoryListenerConfig.createLDAPConfig(
            "loopback", InetAddress.getLoopbackAddress(), 0, null));
    Schema extra =
        new Schema(
            new Entry(
                "cn=schema",
                new com.unboundid.ldap.sdk.Attribute("objectClass", "top", "subschema"),
                new com.unboundid.ldap.sdk.Attribute(
                    "attributeTypes",
                    "( 1.3.6.1.4.1.42.2.27.8.1.17 NAME 'pwdAccountLockedTime'"
                        + " EQUALITY caseIgnoreMatch"
                        + " SYNTAX 1.3.6.1.4.1.1466.115.121.1.15 SINGLE-VALUE"
                        + " USAGE directoryOperation )",
                    "( 1.2.840.113556.1.4.8 NAME 'userAccountControl' EQUALITY integerMatch"
                        + " SYNTAX 1.3.6.1.4.1.1466.115.121.1.27 SINGLE-VALUE )"),
                new com.unboundid.ldap.sdk.Attribute(
                    "objectClasses",
                    "( 1.3.6.1.4.1.32473.1.1 NAME '"
                        + AD_CLASS
                        + "' AUXILIARY MAY userAccountControl )")));
    config.setSchema(Schema.mergeSchemas(Schema.getDefaultStandardSchema(), extra));
    server = new InMemoryDirectoryServer(config);
    server.startListening();
    server.add("dn: " + BASE, "objectClass: top", "objectClass: domain", "dc: example");
    server.add(
        "dn: " + PEOPLE, "objectClass: top", "objectClass: organizationalUnit", "ou: people");
    server.add(
        "dn: " + GROUPS, "objectClass: top", "objectClass: organizationalUnit", "ou: groups");
  }

  String url() {
    return "ldap://127.0.0.1:" + server.getListenPort();
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
    server.shutDown(true);
  }
}
