package io.tenure.cli;

import io.tenure.engine.configuration.TenureHome;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * What the commands run against: their output streams, the terminal for confirmations, the
 * environment variables (for {@code ${env:...}} in the configuration), the Tenure home, the base
 * clock and how a store-backed application context is started. Tests give their own.
 *
 * @param out data and reports
 * @param err problems and prompts
 * @param terminal for confirmations
 * @param environment environment variable lookup
 * @param home the Tenure home
 * @param clock the clock before any {@code --today}
 * @param launcher reads the configuration and starts Tenure (the composition root's)
 * @param launchCustomizer adjusts every launch before it starts (tests use it to put the store on
 *     an external PostgreSQL)
 */
public record CliEnvironment(
    PrintWriter out,
    PrintWriter err,
    Terminal terminal,
    Function<String, @Nullable String> environment,
    TenureHome home,
    Clock clock,
    Launcher launcher,
    UnaryOperator<TenureLaunch> launchCustomizer) {

  /** The process's streams, console, environment, home and the UTC system clock. */
  public static CliEnvironment system(Launcher launcher) {
    return new CliEnvironment(
        new PrintWriter(System.out, true, StandardCharsets.UTF_8),
        new PrintWriter(System.err, true, StandardCharsets.UTF_8),
        Terminal.system(),
        System::getenv,
        TenureHome.fromEnvironment(),
        Clock.systemUTC(),
        launcher,
        UnaryOperator.identity());
  }

  public CliEnvironment withTerminal(Terminal newTerminal) {
    return new CliEnvironment(
        out, err, newTerminal, environment, home, clock, launcher, launchCustomizer);
  }

  public CliEnvironment withLaunchCustomizer(UnaryOperator<TenureLaunch> customizer) {
    return new CliEnvironment(out, err, terminal, environment, home, clock, launcher, customizer);
  }
}
