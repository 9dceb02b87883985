package io.tenure.server.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenure.configuration.YamlConfigurationLoader;
import io.tenure.engine.execution.QueueSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * The queue settings come from tenure.yaml; a {@code tenure.queue.*} property overrides one key.
 */
class QueueSettingsSourceTest {

  private static final String YAML =
      """
      queue:
        workers: 3
        lease: PT20S
        retry: { maxAttempts: 4, maxAge: PT6H }
        outage: { patience: PT2M }
      """;

  private static QueueSettings settings(Map<String, Object> properties) {
    StandardEnvironment environment = new StandardEnvironment();
    environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
    return new QueueConfiguration()
        .queueSettings(
            new YamlConfigurationLoader(Map.<String, String>of()::get, Set.of())
                .parse(YAML, "tenure.yaml", Path.of("/etc/tenure")),
            environment);
  }

  @Test
  void theFileDecidesUnlessAPropertyOverridesAKey() {
    QueueSettings fromFile = settings(Map.of());
    assertThat(fromFile.workers()).isEqualTo(3);
    assertThat(fromFile.lease()).isEqualTo(Duration.ofSeconds(20));
    assertThat(fromFile.retry().maxAttempts()).isEqualTo(4);
    assertThat(fromFile.pollInterval()).isEqualTo(QueueSettings.defaults().pollInterval());
    assertThat(fromFile.retry().maxAge()).isEqualTo(Duration.ofHours(6));
    assertThat(fromFile.outage().patience()).isEqualTo(Duration.ofMinutes(2));

    QueueSettings overridden =
        settings(Map.of("tenure.queue.lease", "PT5S", "tenure.queue.outage.patience", "PT1M"));
    assertThat(overridden.lease()).isEqualTo(Duration.ofSeconds(5));
    assertThat(overridden.outage().patience()).isEqualTo(Duration.ofMinutes(1));
    assertThat(overridden.retry().maxAge()).isEqualTo(Duration.ofHours(6));
    assertThat(overridden.workers()).isEqualTo(3);
  }
}
