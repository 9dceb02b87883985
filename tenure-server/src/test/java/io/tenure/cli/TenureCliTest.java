package io.tenure.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's parsing and its failures that come before any store is started. */
class TenureCliTest {

  @TempDir Path folder;

  private CliRun run(String... arguments) {
    return CliRun.inFolder(folder, arguments);
  }

  @Test
  void helpListsTheCommandsAndExitCodes() {
    CliRun run = run("--help");
    assertThat(run.exitCode).as(run.toString()).isZero();
    assertThat(run.out).contains("plan", "apply", "audit", "serve", "Exit codes: 0 success");
    assertThat(Files.exists(folder.resolve("home"))).isFalse();
  }

  @Test
  void everyCommandHasHelp() {
    for (String command : new String[] {"plan", "apply", "audit", "serve"}) {
      CliRun run = run(command, "--help");
      assertThat(run.exitCode).as(run.toString()).isZero();
      assertThat(run.out).startsWith("Usage: tenure " + command);
    }
    assertThat(run("plan", "--help").out).contains("--source", "--file", "--format", "--today");
    assertThat(run("audit", "--help").out).contains("--subject", "--limit", "--verify");
  }

  @Test
  void versionAnswers() {
    CliRun run = run("--version");
    assertThat(run.exitCode).isZero();
    assertThat(run.out).startsWith("tenure ");
  }

  @Test
  void usageErrorsExitWithTwo() {
    assertThat(run("plan", "--bogus").exitCode).isEqualTo(2);
    assertThat(run("frobnicate").exitCode).isEqualTo(2);
    assertThat(run().exitCode).isEqualTo(2);
    assertThat(run("plan", "--format", "xml").exitCode).isEqualTo(2);
    assertThat(run("plan", "--today", "yesterday").exitCode).isEqualTo(2);
    CliRun fileWithoutSource = run("plan", "--file", "x.csv");
    assertThat(fileWithoutSource.exitCode).isEqualTo(2);
    assertThat(fileWithoutSource.err).contains("--file needs --source");
    CliRun nested = run("operations", "discard", "--bogus");
    assertThat(nested.exitCode).isEqualTo(2);
    assertThat(nested.err).contains("Try 'tenure operations discard --help'.");
    assertThat(run("plan", "--bogus").err).contains("Try 'tenure plan --help'.");
  }

  @Test
  void applyWithoutATerminalNeedsYes() {
    CliRun run = run("apply");
    assertThat(run.exitCode).isEqualTo(2);
    assertThat(run.err).contains("apply needs --yes when there is no terminal");
    assertThat(Files.exists(folder.resolve("home"))).isFalse();
  }

  @Test
  void aMissingConfigurationFails() {
    CliRun run = run("--config", folder.resolve("absent.yaml").toString(), "plan");
    assertThat(run.exitCode).isEqualTo(1);
    assertThat(run.err).contains("absent.yaml: no such configuration file");
  }

  @Test
  void aBadConfigurationListsItsProblemsWithoutStartingTheStore() throws Exception {
    Path config = folder.resolve("tenure.yaml");
    Files.writeString(config, "targets:\n  directory:\n    type: nope\n    username: x\n");
    CliRun run = run("audit", "--config", config.toString());
    assertThat(run.exitCode).isEqualTo(1);
    assertThat(run.err)
        .contains("the configuration has problems:")
        .contains(":3:11: targets.directory.type: \"nope\" is not an installed connector type");
    assertThat(Files.exists(folder.resolve("home"))).isFalse();
  }
}
