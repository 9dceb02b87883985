package io.tenure.connector.scim;

import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The connector contract against the third-party in-memory SCIM provider, with a bearer token. */
class ScimConnectorIT extends AbstractScimConnectorIT {

  private static final String TOKEN = "contract-token-1234";
  private static ScimTestServer server;

  @BeforeAll
  static void startServer() throws IOException {
    server = ScimTestServer.start(true, true, AuthorizationHeaders.bearer(TOKEN));
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @Override
  protected String baseUrl() {
    return server.baseUrl();
  }

  @Override
  protected Map<String, String> authenticationSettings() {
    return Map.of("auth.token", TOKEN);
  }
}
