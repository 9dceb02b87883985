package io.tenure.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenure.engine.configuration.TenureHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;

/** {@code tenure demo} tells the whole story on an empty home, and again on the same home. */
class DemoIT {

  @Test
  void tellsTheWholeStoryTwiceInARow() throws Exception {
    Path folder = Files.createTempDirectory("tenure-demo-it");
    try {
      TenureHome home = new TenureHome(folder.resolve("empty-home"));
      for (int run = 1; run <= 2; run++) {
        CliRun demo =
            CliRun.run(home, Clock.systemUTC(), Terminal.none(), UnaryOperator.identity(), "demo");
        assertThat(demo.exitCode).as("run " + run + ": " + demo).isZero();
        assertThat(demo.out)
            .contains("Step 1, 2026-01-05: Initial load: joiners")
            .contains("create directory/fli (disabled)")
            .contains("mover: department Engineering -> Sales")
            .contains("Carol Dubois     cdubois    DISABLED  groups erp-users, finance, staff")
            .contains("Dave Okafor      dokafor    DISABLED  groups (none)")
            .contains("rehire: TERMINATED -> ACTIVE")
            .contains("delete directory/ekowalski")
            .contains("Erin Kowalski    no account")
            .contains("The story is told.")
            .doesNotContainPattern("Applied: \\d+ succeeded, [1-9]");
      }
    } finally {
      FileSystemUtils.deleteRecursively(folder);
    }
  }
}
