package io.tenure.server.scim;

import io.tenure.connector.scim.AbstractScimConnectorIT;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Tenure's SCIM client connector against Tenure's own SCIM server: the connector contract, with
 * every account a User pushed through correlation, lifecycle and policy and every entitlement a
 * SCIM Group. One server for the class.
 *
 * <p>The sample attributes are those Tenure keeps (the User schema it serves lists them): no phone
 * numbers, so the attribute an update clears is the enterprise {@code department}.
 *
 * <p>One case does not apply, and is skipped with its reason rather than weakened: {@code
 * updateReplacesWithSeveralValuesAndAddsANewAttribute} writes two values into the clearable
 * attribute, and Tenure keeps no multi-valued User attribute (department is single-valued in the
 * enterprise schema, and one email is kept). It applies once multi-valued attributes such as phone
 * numbers are kept: then drop {@link #sampleAttributes}, {@link #clearableAttribute} and the
 * condition.
 */
@ExtendWith(ScimServerContractIT.NotApplicable.class)
class ScimServerContractIT extends AbstractScimConnectorIT {

  /** Skips the contract cases that cannot apply to Tenure's server, saying why. */
  static final class NotApplicable implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      return context
          .getTestMethod()
          .filter(
              method ->
                  method.getName().equals("updateReplacesWithSeveralValuesAndAddsANewAttribute"))
          .map(
              method ->
                  ConditionEvaluationResult.disabled(
                      "Tenure keeps no multi-valued User attribute to write several values into"))
          .orElse(ConditionEvaluationResult.enabled("applies"));
    }
  }

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

  @Override
  protected Map<String, String> sampleAttributes(String name) {
    Map<String, String> attributes = new LinkedHashMap<>(super.sampleAttributes(name));
    attributes.remove("phoneNumbers.work");
    return attributes;
  }

  /**
   * Three pages of the connector's 25 (every account is a push through policy and provisioning).
   */
  @Override
  protected int pagedAccountCount() {
    return 60;
  }

  @Override
  protected String clearableAttribute() {
    return ENTERPRISE + ":department";
  }
}
