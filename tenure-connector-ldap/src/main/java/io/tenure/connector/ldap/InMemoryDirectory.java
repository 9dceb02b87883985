package io.tenure.connector.ldap;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.schema.Schema;
import java.net.InetAddress;

/**
 * An in-process LDAP directory on a free loopback port, for the demo and fast tests: suffix {@code
 * dc=example,dc=com} with {@code ou=people} and {@code ou=groups}, admin {@code
 * cn=admin,dc=example,dc=com}, the standard schema plus {@code pwdAccountLockedTime} (operational,
 * as in OpenLDAP's ppolicy, but with directory string syntax because the SDK cannot parse the year
 * 0000 of {@code 000001010000Z}) and an Active Directory-like {@code userAccountControl} allowed by
 * the auxiliary class {@value #ACCOUNT_CONTROL_CLASS}. Not a production server: data lives in
 * memory only.
 */
public final class InMemoryDirectory implements AutoCloseable {

  public static final String BASE = "dc=example,dc=com";
  public static final String PEOPLE = "ou=people," + BASE;
  public static final String GROUPS = "ou=groups," + BASE;
  public static final String ADMIN = "cn=admin," + BASE;
  public static final String ACCOUNT_CONTROL_CLASS = "tenureTestAccountControl";

  private final InMemoryDirectoryServer server;

  private InMemoryDirectory(InMemoryDirectoryServer server) {
    this.server = server;
  }

  /**
   * Starts a directory whose admin binds with the given password.
   *
   * @throws IllegalStateException if the server cannot start
   */
  public static InMemoryDirectory start(String adminPassword) {
    try {
      InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE);
      config.addAdditionalBindCredentials(ADMIN, adminPassword);
      config.setListenerConfigs(
          InMemoryListenerConfig.createLDAPConfig(
              "loopback", InetAddress.getLoopbackAddress(), 0, null));
      config.setSchema(Schema.mergeSchemas(Schema.getDefaultStandardSchema(), extraSchema()));
      InMemoryDirectoryServer server = new InMemoryDirectoryServer(config);
      server.startListening();
      server.add("dn: " + BASE, "objectClass: top", "objectClass: domain", "dc: example");
      server.add(
          "dn: " + PEOPLE, "objectClass: top", "objectClass: organizationalUnit", "ou: people");
      server.add(
          "dn: " + GROUPS, "objectClass: top", "objectClass: organizationalUnit", "ou: groups");
      return new InMemoryDirectory(server);
    } catch (LDAPException | com.unboundid.ldif.LDIFException e) {
      throw new IllegalStateException("cannot start the in-memory directory: " + e.getMessage(), e);
    }
  }

  private static Schema extraSchema() {
    return new Schema(
        new Entry(
            "cn=schema",
            new Attribute("objectClass", "top", "subschema"),
            new Attribute(
                "attributeTypes",
                "( 1.3.6.1.4.1.42.2.27.8.1.17 NAME 'pwdAccountLockedTime'"
                    + " EQUALITY caseIgnoreMatch"
                    + " SYNTAX 1.3.6.1.4.1.1466.115.121.1.15 SINGLE-VALUE"
                    + " USAGE directoryOperation )",
                "( 1.2.840.113556.1.4.8 NAME 'userAccountControl' EQUALITY integerMatch"
                    + " SYNTAX 1.3.6.1.4.1.1466.115.121.1.27 SINGLE-VALUE )"),
            new Attribute(
                "objectClasses",
                "( 1.3.6.1.4.1.32473.1.1 NAME '"
                    + ACCOUNT_CONTROL_CLASS
                    + "' AUXILIARY MAY userAccountControl )")));
  }

  /** The URL to connect to, {@code ldap://127.0.0.1:PORT}. */
  public String url() {
    return "ldap://127.0.0.1:" + server.getListenPort();
  }

  /** The underlying UnboundID server, for direct reads in tests and the demo. */
  public InMemoryDirectoryServer directoryServer() {
    return server;
  }

  @Override
  public void close() {
    server.shutDown(true);
  }
}
