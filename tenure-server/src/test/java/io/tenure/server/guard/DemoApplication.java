package io.tenure.server.guard;

import io.tenure.cli.TenureLaunch;
import io.tenure.cli.demo.SettableClock;
import io.tenure.configuration.YamlConfigurationLoader;
import io.tenure.engine.configuration.TenureConfiguration;
import io.tenure.engine.configuration.TenureHome;
import io.tenure.server.TenureApplication;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

/**
 * The application on the demo configuration and the embedded store, against a fresh unit of the
 * shared OpenLDAP, with the demo's initial HR load as the source file (in {@code folder/hr}). Close
 * it to stop the application and remove the unit and the folder.
 */
final class DemoApplication implements AutoCloseable {

  final LdapUnit ldap;
  final Path folder;
  final ConfigurableApplicationContext context;

  DemoApplication(String name) throws Exception {
    ldap = new LdapUnit(name);
    folder = Files.createTempDirectory("tenure-" + name);
    Path hr = Files.createDirectories(folder.resolve("hr"));
    Files.writeString(hr.resolve("hr-1-initial-load.csv"), HrFiles.initialLoad());
    TenureConfiguration configuration =
        new YamlConfigurationLoader(ldap.variables()::get, Set.of())
            .parse(resource("demo/tenure.yaml"), "demo/tenure.yaml", hr);
    SettableClock clock = new SettableClock(Instant.parse("2026-01-05T08:00:00Z"));
    context =
        TenureApplication.start(
            new TenureLaunch(new TenureHome(folder.resolve("home")), configuration, clock));
  }

  @Override
  public void close() throws Exception {
    try {
      context.close();
      ldap.close();
    } finally {
      FileSystemUtils.deleteRecursively(folder);
    }
  }

  private static String resource(String name) throws Exception {
    try (InputStream in = DemoApplication.class.getResourceAsStream("/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
