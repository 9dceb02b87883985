package io.tenure.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenure.configuration.YamlConfigurationLoader;
import io.tenure.engine.configuration.TenureHome;
import io.tenure.server.TenureLauncher;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/** The command line's parsing and its failures that come before any store is started. */
class TenureCliTest {

  @TempDir Path folder;

  private CliRun run(String... arguments) {
    return CliRun.inFolder(folder, arguments);
  }

  @Test
  void onlyTheNamedCommandIsBuiltAndEveryCommandWhenNoneIsNamed(@TempDir Path folder) {
    CliEnvironment environment =
        new CliEnvironment(
            new PrintWriter(new StringWriter()),
            new PrintWriter(new StringWriter()),
            Terminal.none(),
            name -> null,
            new TenureHome(folder),
            Clock.systemUTC(),
            TenureLauncher.INSTANCE,
            UnaryOperator.identity());
    List<Object> all = TenureCli.commands(environment);

    assertThat(TenureCli.chosen(all, "plans", "--held"))
        .singleElement()
        .isInstanceOf(PlansCommand.class);
    assertThat(TenureCli.chosen(all, "--config", "plans", "store", "status"))
        .singleElement()
        .isInstanceOf(StoreServerCommand.class);
    assertThat(TenureCli.chosen(all, "--help")).isEqualTo(all);
    assertThat(TenureCli.chosen(all)).isEqualTo(all);
    assertThat(TenureCli.chosen(all, "plna")).isEqualTo(all);
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
  void aMissingConfigurationIsAUsageError() {
    CliRun run = run("--config", folder.resolve("absent.yaml").toString(), "plan");
    assertThat(run.exitCode).isEqualTo(2);
    assertThat(run.err).contains("absent.yaml: no such configuration file");
  }

  @Test
  void aBadConfigurationListsItsProblemsWithoutStartingTheStore() throws Exception {
    Path config = folder.resolve("tenure.yaml");
    Files.writeString(config, "targets:\n  directory:\n    type: nope\n    username: x\n");
    CliRun run = run("audit", "--config", config.toString());
    assertThat(run.exitCode).isEqualTo(2);
    assertThat(run.err)
        .contains("the configuration has problems:")
        .contains(":3:11: targets.directory.type: \"nope\" is not an installed connector type");
    assertThat(Files.exists(folder.resolve("home"))).isFalse();
  }

  @Test
  void aBadExpressionIsAUsageErrorNamingItsPlaceBeforeAnythingStarts() throws Exception {
    Path config = folder.resolve("tenure.yaml");
    Files.writeString(
        config,
        """
        sources:
          hr:
            file: people.csv
            key: employeeId
            attributes: { employeeId: id, department: dept }
            lifecycle: { status: status, startDate: start }
        roles:
          staff: {}
        rules:
          - name: engineers
            when: departmnet == 'Engineering'
            grant: [staff]
        """);
    for (String[] command : new String[][] {{"plan"}, {"apply", "--yes"}, {"audit"}, {"serve"}}) {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      List<String> started = new ArrayList<>();
      CliEnvironment environment =
          new CliEnvironment(
              new PrintWriter(out, true),
              new PrintWriter(err, true),
              Terminal.none(),
              Map.<String, String>of()::get,
              new TenureHome(folder.resolve("home")),
              Clock.systemUTC(),
              new NothingStarts(started),
              UnaryOperator.identity());
      List<String> arguments = new ArrayList<>(List.of("--config", config.toString()));
      arguments.addAll(List.of(command));

      int exitCode = TenureCli.execute(environment, arguments.toArray(String[]::new));

      assertThat(exitCode).as(command[0] + ": " + err).isEqualTo(2);
      assertThat(err.toString())
          .contains("the configuration has problems:")
          .contains(config + ":11:11: rules.engineers.when: undeclared reference to 'departmnet'");
      assertThat(started).as(command[0]).isEmpty();
      assertThat(Files.exists(folder.resolve("home"))).as(command[0]).isFalse();
    }
  }

  /** The application's launcher, except that starting anything is recorded and refused. */
  private record NothingStarts(List<String> started) implements Launcher {
    @Override
    public YamlConfigurationLoader loader(Function<String, @Nullable String> environment) {
      return TenureLauncher.INSTANCE.loader(environment);
    }

    @Override
    public ConfigurableApplicationContext start(TenureLaunch launch) {
      started.add("start");
      throw new IllegalStateException("the store must not start");
    }

    @Override
    public ConfigurableApplicationContext serve(TenureLaunch launch, int port) {
      started.add("serve");
      throw new IllegalStateException("the server must not start");
    }

    @Override
    public EmbeddedStoreState embeddedStore(TenureHome home) {
      started.add("store status");
      throw new IllegalStateException("the store must not be asked");
    }

    @Override
    public EmbeddedStoreState stopEmbeddedStore(TenureHome home) {
      started.add("store stop");
      throw new IllegalStateException("the store must not be stopped");
    }

    @Override
    public Set<String> connectorTypes() {
      return TenureLauncher.INSTANCE.connectorTypes();
    }
  }
}
