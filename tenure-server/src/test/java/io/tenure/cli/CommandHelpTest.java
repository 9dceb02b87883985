package io.tenure.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every subcommand is listed in the help, and long-running workers say how long they run. */
class CommandHelpTest {

  @TempDir Path folder;

  private CliRun run(String... arguments) {
    return CliRun.inFolder(folder, arguments);
  }

  @Test
  void theTopLevelHelpListsEverySubcommandOfEveryCommand() {
    CliRun help = run("--help");

    assertThat(help.exitCode).as(help.toString()).isZero();
    assertThat(help.out)
        .contains("Subcommands:", "operations retry", "operations discard", "operations work")
        .contains("person show", "person list")
        .contains("token ACTION", "create, list or revoke", "user ACTION", "create-admin");
    assertThat(help.out.indexOf("operations work")).isLessThan(help.out.indexOf("Exit codes"));
  }

  @Test
  void operationsWorkStatesItsDefaultAndTakesUntilEmptyOrFollow() {
    CliRun help = run("operations", "work", "--help");
    assertThat(help.out.replaceAll("\\s+", " "))
        .contains("[--follow] [--until-empty]", "any more (the default)");
    assertThat(run("operations", "--help").out).contains("work");

    CliRun both = run("operations", "work", "--until-empty", "--follow");
    assertThat(both.exitCode).as(both.toString()).isEqualTo(TenureCli.USAGE);
    assertThat(both.err).contains("--until-empty and --follow exclude each other");
  }

  @Test
  void subcommandsOfOperationsTakeConfigAfterTheirName() {
    String missing = folder.resolve("missing.yaml").toString();
    for (String[] command :
        new String[][] {
          {"operations", "work", "--config", missing},
          {"operations", "retry", "1", "--config", missing},
          {"operations", "discard", "1", "--reason", "r", "--config", missing}
        }) {
      CliRun run = run(command);
      assertThat(run.exitCode).as(run.toString()).isEqualTo(TenureCli.USAGE);
      assertThat(run.err).as(run.toString()).contains(missing, "no such configuration file");
    }
  }
}
