package io.tenure.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenure.cli.TenureLaunch;
import io.tenure.engine.audit.AuditLog;
import io.tenure.engine.audit.AuditRecord;
import io.tenure.engine.configuration.LifecycleColumns;
import io.tenure.engine.configuration.LifecycleSettings;
import io.tenure.engine.configuration.ScimSettings;
import io.tenure.engine.configuration.SourceDefinition;
import io.tenure.engine.configuration.StoreSettings;
import io.tenure.engine.configuration.TenureConfiguration;
import io.tenure.engine.configuration.TenureHome;
import io.tenure.engine.execution.QueueSettings;
import io.tenure.engine.identity.IdentityRepository;
import io.tenure.server.TenureApplication;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

/** {@code tenure serve} imports a source that has a {@code schedule} by itself. */
class ServeImportIT {

  @Test
  void serveImportsAScheduledSourceAsTheScheduler() throws Exception {
    Path folder = Files.createTempDirectory("tenure-serve-import-it");
    Path people = folder.resolve("people.csv");
    Files.writeString(
        people,
        "employee_id,first_name,status,hire_date\nE1,Ada,active,2024-01-15\nE2,Bob,active,2024-02-01\n",
        StandardCharsets.UTF_8);
    SourceDefinition hr =
        new SourceDefinition(
                "hr",
                "csv",
                people,
                "employeeId",
                List.of(),
                Map.of("employeeId", "employee_id", "givenName", "first_name"),
                Set.of(),
                new LifecycleColumns(
                    "status",
                    LifecycleColumns.defaultStatusValues(),
                    "hire_date",
                    null,
                    "yyyy-MM-dd"),
                StandardCharsets.UTF_8)
            .withSchedule("* * * * * *");
    TenureConfiguration configuration =
        new TenureConfiguration(
            StoreSettings.embedded(),
            LifecycleSettings.defaults(),
            QueueSettings.defaults(),
            List.of(hr),
            List.of(),
            List.of(),
            List.of(),
            ScimSettings.defaults());
    TenureLaunch launch =
        new TenureLaunch(new TenureHome(folder.resolve("home")), configuration, Clock.systemUTC());
    System.setProperty("tenure.import.polling", "PT0.2S");
    try (ConfigurableApplicationContext context = TenureApplication.serve(launch, 0)) {
      IdentityRepository identities = context.getBean(IdentityRepository.class);
      AuditLog audit = context.getBean(AuditLog.class);
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (identities.count() < 2 && System.nanoTime() < deadline) {
        Thread.sleep(200);
      }
      assertThat(identities.count()).isEqualTo(2);
      List<AuditRecord> completed =
          audit.recent("source hr", 10).stream()
              .filter(record -> record.event().action().equals("import.completed"))
              .toList();
      assertThat(completed).isNotEmpty();
      assertThat(completed.get(0).event().actor()).isEqualTo("hr-import:hr");
    } finally {
      System.clearProperty("tenure.import.polling");
      FileSystemUtils.deleteRecursively(folder);
    }
  }
}
