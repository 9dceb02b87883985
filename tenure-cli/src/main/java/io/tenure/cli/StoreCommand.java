package io.tenure.cli;

import io.tenure.engine.configuration.TenureConfiguration;
import io.tenure.engine.execution.OperationWorkers;
import io.tenure.engine.execution.TargetHealth;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * A command that needs the configuration and the store: it loads {@code --config}, then starts the
 * application (store, migrations, services), runs, and closes everything.
 */
abstract class StoreCommand {

  @ParentCommand TenureCommand parent;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "The configuration file (default: ./tenure.yaml).")
  @Nullable Path config;

  final CliEnvironment environment;

  StoreCommand(CliEnvironment environment) {
    this.environment = environment;
  }

  /** The configuration file named on the command line, or {@code ./tenure.yaml}. */
  Path configFile() {
    if (config != null) {
      return config;
    }
    if (parent != null && parent.config != null) {
      return parent.config;
    }
    return Path.of("tenure.yaml");
  }

  /** Loads and validates the configuration; connector types are those installed. */
  TenureConfiguration loadConfiguration() {
    return readConfigurationFile();
  }

  private TenureConfiguration readConfigurationFile() {
    return environment
        .launcher()
        .loader(environment.environment())
        .reportingWarningsTo(
            warning -> {
              environment.err().println("tenure: warning: " + warning);
              environment.err().flush();
            })
        .load(configFile());
  }

  /**
   * Like {@link #loadConfiguration()}, but when no {@code --config} was given and there is no
   * {@code ./tenure.yaml}, an empty configuration on the embedded store (said on stderr): enough to
   * create users and serve the console before anything is configured.
   */
  TenureConfiguration loadConfigurationOrEmpty() {
    boolean named = config != null || (parent != null && parent.config != null);
    if (named || java.nio.file.Files.exists(configFile())) {
      return readConfigurationFile();
    }
    environment
        .err()
        .println(
            "tenure: no tenure.yaml here: using the embedded store and no sources or targets yet"
                + " (README.md shows a complete tenure.yaml)");
    environment.err().flush();
    return new TenureConfiguration(
        io.tenure.engine.configuration.StoreSettings.embedded(),
        io.tenure.engine.configuration.LifecycleSettings.defaults(),
        io.tenure.engine.execution.QueueSettings.defaults(),
        java.util.List.of(),
        java.util.List.of(),
        java.util.List.of(),
        java.util.List.of(),
        io.tenure.engine.configuration.ScimSettings.defaults());
  }

  /** The environment's clock, its date moved to {@code today} when given (time keeps running). */
  Clock clock(@Nullable LocalDate today) {
    Clock base = environment.clock();
    if (today == null) {
      return base;
    }
    LocalDate actual = LocalDate.now(base.withZone(ZoneOffset.UTC));
    return Clock.offset(
        base.withZone(ZoneOffset.UTC), Duration.ofDays(today.toEpochDay() - actual.toEpochDay()));
  }

  /** Loads the configuration, starts the application, runs the work, closes the application. */
  int withApplication(
      @Nullable LocalDate today, Function<ConfigurableApplicationContext, Integer> work) {
    TenureConfiguration configuration = loadConfiguration();
    TenureLaunch launch =
        environment
            .launchCustomizer()
            .apply(new TenureLaunch(environment.home(), configuration, clock(today)));
    try (ConfigurableApplicationContext context = environment.launcher().start(launch)) {
      return work.apply(context);
    }
  }

  /** Fails with "--limit must not be negative" when {@code limit} is below zero. */
  static void requireNonNegativeLimit(int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("--limit must not be negative");
    }
  }

  /**
   * Says on stderr which targets this process found out and left waiting: {@code target directory
   * is out since 10:15:03Z (CONNECTION: ...): 312 operations wait; they run at the next apply,
   * import, operations work or serve}.
   */
  void reportOutages(ConfigurableApplicationContext context) {
    OperationWorkers workers = context.getBeanProvider(OperationWorkers.class).getIfAvailable();
    if (workers == null) {
      return;
    }
    for (TargetHealth health : workers.health()) {
      if (health.isOut()) {
        environment
            .err()
            .println(
                "target "
                    + health.target()
                    + " is out since "
                    + health.since().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                    + health.outageError().map(error -> " (" + error + ")").orElse("")
                    + ": "
                    + health.waiting()
                    + " operations wait; they run at the next apply, import, operations work or"
                    + " serve");
      }
    }
  }

  /** The actor recorded for what this command does, for example {@code cli:alice}. */
  static String actor() {
    return "cli:" + System.getProperty("user.name", "unknown");
  }
}
