package io.tenure.engine.configuration;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TenureHomeTest {

  @TempDir Path folder;

  @Test
  void theEnvironmentVariableNamesTheHome() {
    TenureHome home =
        TenureHome.resolve(Map.of("TENURE_HOME", folder.toString()), new Properties());
    assertThat(home.path()).isEqualTo(folder.toAbsolutePath());
    assertThat(home.postgresDirectory()).isEqualTo(folder.resolve("postgres"));
  }

  @Test
  void aSystemPropertyWinsOverTheEnvironment() {
    Properties properties = new Properties();
    properties.setProperty("tenure.home", folder.resolve("from-property").toString());
    TenureHome home = TenureHome.resolve(Map.of("TENURE_HOME", "/elsewhere"), properties);
    assertThat(home.path()).isEqualTo(folder.resolve("from-property"));
  }

  @Test
  void theDefaultIsDotTenureInTheWorkingDirectory() {
    TenureHome home = TenureHome.resolve(Map.of(), new Properties());
    assertThat(home.path()).isEqualTo(Path.of(".tenure").toAbsolutePath().normalize());
  }

  @Test
  void createMakesTheFolder() {
    TenureHome home = new TenureHome(folder.resolve("a/b")).create();
    assertThat(Files.isDirectory(home.path())).isTrue();
  }
}
