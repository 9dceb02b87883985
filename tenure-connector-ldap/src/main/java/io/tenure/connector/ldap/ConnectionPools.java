package io.tenure.connector.ldap;

import com.unboundid.ldap.sdk.BindRequest;
import com.unboundid.ldap.sdk.GetEntryLDAPConnectionPoolHealthCheck;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.SimpleBindRequest;
import com.unboundid.ldap.sdk.SingleServerSet;
import com.unboundid.util.ssl.HostNameSSLSocketVerifier;
import com.unboundid.util.ssl.JVMDefaultTrustManager;
import com.unboundid.util.ssl.PEMFileTrustManager;
import com.unboundid.util.ssl.SSLUtil;
import io.tenure.connector.spi.ConnectorException;
import io.tenure.connector.spi.ErrorKind;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStoreException;
import javax.net.SocketFactory;
import javax.net.ssl.TrustManager;

/**
 * Opens the connection pool of a connector: connect and response timeouts of {@code
 * timeout.seconds}, TLS for {@code ldaps} (trusting {@code tls.caFile} or the JVM's trust store,
 * and checking the host name), the simple bind of {@code bindDn}, {@code pool.size} connections
 * checked by reading the root DSE in the background and after failures.
 */
final class ConnectionPools {

  private ConnectionPools() {}

  /**
   * A pool for the settings' server. It starts with one connection if the server answers, and with
   * none (connecting on first use) if it does not.
   *
   * @throws ConnectorException CONFIGURATION when TLS cannot be set up, or the classified failure
   *     of creating the pool
   */
  static LDAPConnectionPool open(LdapSettings settings) {
    int timeoutMillis = settings.timeoutSeconds() * 1000;
    LDAPConnectionOptions options = new LDAPConnectionOptions();
    options.setConnectTimeoutMillis(timeoutMillis);
    options.setResponseTimeoutMillis(timeoutMillis);
    options.setAbandonOnTimeout(true);
    SocketFactory sockets = SocketFactory.getDefault();
    if (settings.url().getScheme().equalsIgnoreCase("ldaps")) {
      try {
        sockets = new SSLUtil(trustManager(settings)).createSSLSocketFactory();
      } catch (GeneralSecurityException e) {
        String key = settings.tlsCaFile() == null ? "url" : "tls.caFile";
        throw new ConnectorException(
            ErrorKind.CONFIGURATION,
            "target '" + settings.targetName() + "': setting '" + key + "': cannot set up TLS",
            e);
      }
      options.setSSLSocketVerifier(new HostNameSSLSocketVerifier(true));
    }
    SingleServerSet servers =
        new SingleServerSet(settings.url().getHost(), settings.url().getPort(), sockets, options);
    BindRequest bind =
        settings.bindDn() == null
            ? null
            : new SimpleBindRequest(settings.bindDn(), settings.password());
    GetEntryLDAPConnectionPoolHealthCheck health =
        new GetEntryLDAPConnectionPoolHealthCheck(
            "", timeoutMillis, true, false, false, true, true);
    try {
      LDAPConnectionPool created =
          new LDAPConnectionPool(servers, bind, 1, settings.poolSize(), 1, null, false, health);
      created.setConnectionPoolName("tenure-" + settings.targetName());
      created.setHealthCheckIntervalMillis(60_000L);
      created.setRetryFailedOperationsDueToInvalidConnections(true);
      return created;
    } catch (LDAPException e) {
      throw ResultCodes.toConnectorException(
          settings.targetName(), "connecting to " + settings.url(), e);
    }
  }

  /**
   * The certificates an ldaps connection trusts: the CA certificates of {@code tls.caFile} when it
   * is set, else the JVM's default trust store.
   */
  private static TrustManager trustManager(LdapSettings settings) throws KeyStoreException {
    Path caFile = settings.tlsCaFile();
    return caFile == null
        ? JVMDefaultTrustManager.getInstance()
        : new PEMFileTrustManager(caFile.toFile());
  }
}
