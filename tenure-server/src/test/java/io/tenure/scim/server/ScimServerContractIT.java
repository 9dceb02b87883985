package io.tenure.scim.server;

import io.tenure.connector.scim.AbstractScimConnectorIT;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Tenure's SCIM client connector against Tenure's own SCIM server: the whole connector contract,
 * with every account a User pushed through correlation, lifecycle and policy and every entitlement
 * a SCIM Group. The contract's sample attributes are all kept (phone numbers included: the update
 * that writes several values into one attribute and clears it applies). One server for the class.
 */
class ScimServerContractIT extends AbstractScimConnectorIT {

  private static ScimTestServer server;

  @BeforeAll
  static void startServer() throws Exception {
    server = new ScimTestServer();
  }

  @AfterAll
  static void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  @Override
  protected String baseUrl() {
    return server.baseUrl;
  }

  @Override
  protected Map<String, String> authenticationSettings() {
    return Map.of("auth.token", server.scimToken);
  }

  /**
   * Three pages of the connector's 25 (every account is a push through policy and provisioning).
   */
  @Override
  protected int pagedAccountCount() {
    return 60;
  }
}
