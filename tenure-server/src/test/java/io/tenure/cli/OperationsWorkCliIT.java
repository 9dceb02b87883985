package io.tenure.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenure.engine.configuration.TenureHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code tenure operations work} ends by itself when the queue is empty, unless --follow. */
class OperationsWorkCliIT {

  @TempDir Path folder;

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void workWithoutOptionsEndsWhenNothingIsPending() throws Exception {
    Path config = folder.resolve("tenure.yaml");
    Files.writeString(config, "targets: {}\n");
    try (ScratchDatabase database = ScratchDatabase.create("tenure_work_it")) {
      CliRun work =
          CliRun.run(
              new TenureHome(folder.resolve("home")),
              Clock.systemUTC(),
              Terminal.none(),
              database.store(),
              "operations",
              "work",
              "--config",
              config.toString());

      assertThat(work.exitCode).as(work.toString()).isZero();
      assertThat(work.out).contains("until no operation is pending or failed");
    }
  }
}
