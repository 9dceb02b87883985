package io.tenure.connector.scim;

import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.glassfish.jersey.apache5.connector.Apache5ConnectorProvider;
import org.glassfish.jersey.apache5.connector.Apache5HttpClientBuilderConfigurator;
import org.glassfish.jersey.client.ClientConfig;
import org.glassfish.jersey.client.ClientProperties;

/**
 * Opens the JAX-RS client a connector talks to its provider with: Jersey over Apache HttpClient 5,
 * the connect and read timeouts of the settings, {@link ThrottleFilter} for 429 and 503, the
 * authentication header of the settings, and none of HttpClient's own retries.
 */
final class HttpClients {

  private HttpClients() {}

  /** A new client; the caller closes it. */
  static Client open(ScimSettings settings) {
    ClientConfig config = new ClientConfig();
    config.connectorProvider(new Apache5ConnectorProvider());
    config.property(ClientProperties.CONNECT_TIMEOUT, (int) settings.connectTimeout().toMillis());
    config.property(ClientProperties.READ_TIMEOUT, (int) settings.readTimeout().toMillis());
    config.register(new ThrottleFilter());
    config.register(new NoAutomaticRetries());
    settings.authentication().header().ifPresent(h -> config.register(new AuthenticationFilter(h)));
    return ClientBuilder.newClient(config);
  }

  /**
   * Turns off Apache HttpClient's own retries: it would otherwise wait out any {@code Retry-After}
   * on 429/503 without bound, and retry I/O failures behind the engine's back.
   */
  private static final class NoAutomaticRetries implements Apache5HttpClientBuilderConfigurator {
    @Override
    public HttpClientBuilder configure(HttpClientBuilder builder) {
      return builder.disableAutomaticRetries();
    }
  }
}
