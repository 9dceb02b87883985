package io.tenure.configuration;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenure.engine.execution.QueueSettings;
import io.tenure.engine.execution.RetryPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The {@code queue:} section of tenure.yaml: the durable queue's workers, lease and retries. */
class QueueYamlTest {

  private final YamlConfigurationLoader loader =
      new YamlConfigurationLoader(Map.<String, String>of()::get, Set.of());

  private QueueSettings queue(String yaml) {
    return loader.parse(yaml, "tenure.yaml", Path.of("/etc/tenure")).queue();
  }

  private List<String> problems(String yaml) {
    try {
      queue(yaml);
    } catch (ConfigurationException e) {
      return e.problems();
    }
    throw new AssertionError("expected problems in:\n" + yaml);
  }

  @Test
  void withoutAQueueSectionTheDefaultsApply() {
    assertThat(queue("lifecycle: { prehireDays: 3 }\n")).isEqualTo(QueueSettings.defaults());
  }

  @Test
  void everyKeyIsReadAndOmittedOnesKeepTheirDefaults() {
    QueueSettings queue =
        queue(
            """
            queue:
              workers: 16
              lease: PT30S
              pollInterval: PT0.5S
              retry:
                baseDelay: PT2S
                maxDelay: PT10M
                maxAttempts: 5
                maxAge: PT12H
              outage: { probeDelay: PT2S, maxProbeDelay: PT1M, patience: PT5M }
            """);
    assertThat(queue)
        .isEqualTo(
            new QueueSettings(
                new RetryPolicy(
                    Duration.ofSeconds(2), Duration.ofMinutes(10), 5, Duration.ofHours(12)),
                Duration.ofSeconds(30),
                16,
                Duration.ofMillis(500),
                new io.tenure.engine.execution.OutageSettings(
                    Duration.ofSeconds(2), Duration.ofMinutes(1), Duration.ofMinutes(5))));
    assertThat(queue.heartbeatInterval()).isEqualTo(Duration.ofSeconds(10));

    QueueSettings partial = queue("queue:\n  retry: { maxAttempts: 3 }\n");
    assertThat(partial.retry().maxAttempts()).isEqualTo(3);
    assertThat(partial.retry().baseDelay()).isEqualTo(RetryPolicy.defaults().baseDelay());
    assertThat(partial.lease()).isEqualTo(QueueSettings.defaults().lease());
  }

  @Test
  void badValuesAreRejectedNamingFileLineColumnAndKey() {
    assertThat(
            problems(
                """
                queue:
                  workers: 0
                  lease: PT0.5S
                  pollInterval: soon
                  retry:
                    baseDelay: PT1M
                    maxDelay: PT30S
                    maxAttempts: -1
                    maxAge: PT0S
                  outage: { probeDelay: PT5S, maxProbeDelay: PT1S }
                  threads: 4
                """))
        .containsExactlyInAnyOrder(
            "tenure.yaml:2:12: queue.workers: 0 is outside 1..1024",
            "tenure.yaml:3:10: queue.lease: PT0.5S is shorter than the least allowed, PT1S",
            "tenure.yaml:4:17: queue.pollInterval: \"soon\" is not an ISO-8601 duration such as"
                + " P30D",
            "tenure.yaml:7:15: queue.retry.maxDelay: PT30S (the largest retry delay) is below the"
                + " base delay PT1M",
            "tenure.yaml:8:18: queue.retry.maxAttempts: -1 is outside 1..100000",
            "tenure.yaml:9:13: queue.retry.maxAge: PT0S is shorter than the least allowed, PT1S",
            "tenure.yaml:10:46: queue.outage.maxProbeDelay: PT1S is below probeDelay PT5S",
            "tenure.yaml:11:3: queue.threads: unknown key; expected one of [lease, outage,"
                + " pollInterval, retry, workers]");
  }
}
