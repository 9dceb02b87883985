package io.tenure.engine.planning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tenure.core.policy.PolicyException;
import io.tenure.engine.configuration.RuleDefinition;
import io.tenure.engine.configuration.ScimSettings;
import io.tenure.engine.configuration.TenureConfiguration;
import io.tenure.engine.testing.EngineFixture;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which identity attributes a configuration's expressions may name. */
class ConfiguredPolicyTest {

  private final TenureConfiguration configuration =
      new EngineFixture(Path.of("unused.csv"), "unused").configuration;

  private static TenureConfiguration withRuleAndScim(
      TenureConfiguration configuration, String when, Map<String, String> scimMapping) {
    List<RuleDefinition> rules = new ArrayList<>(configuration.rules());
    rules.add(new RuleDefinition("cost-center", when, List.of("staff")));
    return new TenureConfiguration(
        configuration.store(),
        configuration.lifecycle(),
        configuration.queue(),
        configuration.sources(),
        configuration.targets(),
        configuration.roles(),
        rules,
        new ScimSettings(scimMapping),
        configuration.authority());
  }

  @Test
  void theAttributesAreThoseTheSourcesFeedAndThoseScimMappingReads() {
    TenureConfiguration withScim =
        withRuleAndScim(configuration, "true", Map.of("costCenter", "costCenterPath"));
    assertThat(ConfiguredPolicy.expressionAttributes(withScim))
        .containsAll(configuration.sources().get(0).attributes().keySet())
        .contains("costCenter")
        .hasSize(configuration.sources().get(0).attributes().size() + 1);
  }

  @Test
  void anAttributeReadFromScimMayBeNamedInARule() {
    TenureConfiguration withScim =
        withRuleAndScim(configuration, "costCenter == '42'", Map.of("costCenter", "path"));
    assertThat(ConfiguredPolicy.of(withScim).policy().environment().attributeNames())
        .contains("costCenter");
    assertThatThrownBy(
            () ->
                ConfiguredPolicy.of(withRuleAndScim(configuration, "costCenter == '42'", Map.of())))
        .isInstanceOf(PolicyException.class)
        .hasMessageContaining("costCenter");
  }
}
