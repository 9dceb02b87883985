package io.tenure.configuration;

import static io.tenure.configuration.TargetYaml.TARGET;
import static io.tenure.configuration.TargetYaml.directory;
import static org.assertj.core.api.Assertions.assertThat;

import io.tenure.engine.configuration.TargetDefinition;
import io.tenure.engine.configuration.TargetThrottle;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code targets.X.concurrency} and {@code targets.X.rateLimit} in tenure.yaml. */
class ThrottleYamlTest {

  @Test
  void aTargetWithoutThrottleRunsFourAtOnceWithoutRateLimit() {
    TargetDefinition directory = directory(TARGET);
    assertThat(directory.throttle()).isEqualTo(TargetThrottle.defaults());
    assertThat(directory.connector().settings()).doesNotContainKeys("concurrency", "rateLimit");
  }

  @Test
  void concurrencyAndRateLimitAreReadAndAreNotConnectorSettings() {
    TargetDefinition directory = directory(TARGET + "    concurrency: 12\n    rateLimit: 50\n");
    assertThat(directory.throttle()).isEqualTo(new TargetThrottle(12, 50));
    assertThat(directory.connector().settings()).doesNotContainKeys("concurrency", "rateLimit");
  }

  @Test
  void aConcurrencyBelowOneIsRejectedNamingTheKey() {
    List<String> problems;
    try {
      directory(TARGET + "    concurrency: 0\n");
      throw new AssertionError("expected a problem");
    } catch (ConfigurationException e) {
      problems = e.problems();
    }
    assertThat(problems).anyMatch(problem -> problem.contains("targets.directory.concurrency"));
  }
}
