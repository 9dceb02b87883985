package io.tenure.cli;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldif.LDIFException;
import java.net.InetAddress;

/** The CLI tests' in-memory directory. */
final class ExampleDirectory {

  private ExampleDirectory() {}

  /**
   * Starts an in-memory directory on a free loopback port, without a schema: {@code
   * dc=example,dc=com} with {@code ou=people} and {@code ou=groups} under it, bound to by {@code
   * cn=admin,dc=example,dc=com} with the password {@code secret}. The caller shuts it down.
   */
  static InMemoryDirectoryServer start() throws LDAPException, LDIFException {
    InMemoryDirectoryServerConfig settings = new InMemoryDirectoryServerConfig("dc=example,dc=com");
    settings.addAdditionalBindCredentials("cn=admin,dc=example,dc=com", "secret");
    settings.setSchema(null);
    settings.setListenerConfigs(
        InMemoryListenerConfig.createLDAPConfig("ldap", InetAddress.getLoopbackAddress(), 0, null));
    InMemoryDirectoryServer directory = new InMemoryDirectoryServer(settings);
    directory.startListening();
    directory.add("dn: dc=example,dc=com", "objectClass: domain", "dc: example");
    directory.add(
        "dn: ou=people,dc=example,dc=com", "objectClass: organizationalUnit", "ou: people");
    directory.add(
        "dn: ou=groups,dc=example,dc=com", "objectClass: organizationalUnit", "ou: groups");
    return directory;
  }
}
