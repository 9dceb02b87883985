package io.tenure.cli;

import io.tenure.engine.configuration.TenureHome;
import io.tenure.server.TenureLauncher;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/** Runs the CLI in-process and captures what it prints. */
final class CliRun {

  final int exitCode;
  final String out;
  final String err;

  private CliRun(int exitCode, String out, String err) {
    this.exitCode = exitCode;
    this.out = out;
    this.err = err;
  }

  /**
   * Runs {@code arguments} with a home under {@code folder}, the system clock, no terminal and the
   * launch unchanged: for commands that fail or print before any store starts.
   */
  static CliRun inFolder(Path folder, String... arguments) {
    return run(
        new TenureHome(folder.resolve("home")),
        Clock.systemUTC(),
        Terminal.none(),
        UnaryOperator.identity(),
        arguments);
  }

  static CliRun run(
      TenureHome home,
      Clock clock,
      Terminal terminal,
      UnaryOperator<TenureLaunch> customizer,
      String... arguments) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CliEnvironment environment =
        new CliEnvironment(
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            terminal,
            Map.of("LDAP_PASSWORD", "secret")::get,
            home,
            clock,
            TenureLauncher.INSTANCE,
            customizer);
    int code = TenureCli.execute(environment, arguments);
    return new CliRun(code, out.toString(), err.toString());
  }

  /** A terminal that answers with the given lines, in order. */
  static Terminal answering(String... answers) {
    Deque<String> remaining = new ArrayDeque<>(List.of(answers));
    return new Terminal() {
      @Override
      public boolean interactive() {
        return true;
      }

      @Override
      public @Nullable String ask(String prompt) {
        return remaining.poll();
      }
    };
  }

  @Override
  public String toString() {
    return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
  }
}
