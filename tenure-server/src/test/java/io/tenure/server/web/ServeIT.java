package io.tenure.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenure.cli.TenureLaunch;
import io.tenure.engine.configuration.LifecycleSettings;
import io.tenure.engine.configuration.ScimSettings;
import io.tenure.engine.configuration.StoreSettings;
import io.tenure.engine.configuration.TenureConfiguration;
import io.tenure.engine.configuration.TenureHome;
import io.tenure.engine.execution.QueueSettings;
import io.tenure.server.TenureApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

/** The web server: health is open, everything else is closed. */
class ServeIT {

  @Test
  void healthIsReachableAndEverythingElseNeedsAuthentication() throws Exception {
    Path folder = Files.createTempDirectory("tenure-serve-it");
    TenureConfiguration configuration =
        new TenureConfiguration(
            StoreSettings.embedded(),
            LifecycleSettings.defaults(),
            QueueSettings.defaults(),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            ScimSettings.defaults());
    TenureLaunch launch =
        new TenureLaunch(new TenureHome(folder.resolve("home")), configuration, Clock.systemUTC());
    try (ConfigurableApplicationContext context = TenureApplication.serve(launch, 0)) {
      String port = context.getEnvironment().getProperty("local.server.port");
      HttpClient client = HttpClient.newHttpClient();
      HttpResponse<String> health =
          client.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(health.body()).contains("\"status\":\"UP\"");

      for (String path : List.of("/", "/api/v1/identities", "/actuator/env")) {
        HttpResponse<String> closed =
            client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(closed.statusCode()).as(path).isEqualTo(401);
      }
    } finally {
      FileSystemUtils.deleteRecursively(folder);
    }
  }
}
