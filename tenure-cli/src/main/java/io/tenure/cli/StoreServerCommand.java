package io.tenure.cli;

import io.tenure.engine.configuration.TenureHome;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code tenure store status|stop}: the embedded PostgreSQL that stays up between commands, and the
 * demo's when {@code tenure demo} has run in this home. Neither action reads {@code tenure.yaml} or
 * starts anything.
 */
@Command(
    name = "store",
    mixinStandardHelpOptions = true,
    description = {
      "Shows or stops the embedded PostgreSQL (under TENURE_HOME) that stays up between commands.",
      "  store status   whether it runs, its port, and the keeper that holds it up",
      "  store stop     stops it now (a command still using it is disconnected)",
      "Both also cover the demo's own store (TENURE_HOME/demo) once 'tenure demo' has run.",
      "The first command starts it and leaves it running; later commands join it at no start"
          + " cost; it stops by itself after store.embedded.idleTimeout in tenure.yaml (default"
          + " PT5M) without commands, or TENURE_STORE_IDLE_TIMEOUT (which wins); 0 or off stops"
          + " it when each command ends."
    })
final class StoreServerCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "ACTION", description = "status or stop")
  String action = "";

  private final CliEnvironment environment;

  StoreServerCommand(CliEnvironment environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() {
    if (!action.equals("status") && !action.equals("stop")) {
      throw new IllegalArgumentException(
          "unknown action '" + action + "': expected status or stop");
    }
    int code = TenureCli.SUCCESS;
    for (TenureHome home : homes()) {
      if (action.equals("status")) {
        environment.out().println(describe(environment.launcher().embeddedStore(home), home));
      } else {
        code = Math.max(code, stop(home));
      }
    }
    return code;
  }

  /** The home, and the demo's home inside it when {@code tenure demo} has made one. */
  private List<TenureHome> homes() {
    TenureHome home = environment.home();
    Path demo = DemoCommand.demoHome(home);
    return Files.isDirectory(demo.resolve("postgres"))
        ? List.of(home, new TenureHome(demo))
        : List.of(home);
  }

  private int stop(TenureHome home) {
    PrintWriter out = environment.out();
    EmbeddedStoreState state = environment.launcher().stopEmbeddedStore(home);
    if (!state.running()) {
      out.println("The embedded store in " + home.postgresDirectory() + " is not running.");
    } else if (state.keeper().isEmpty()) {
      out.println(
          "The embedded store in "
              + home.postgresDirectory()
              + " (pid "
              + state.postmaster().orElseThrow()
              + ") belongs to a running command or 'tenure serve': it stops when that ends.");
      return TenureCli.FAILURE;
    } else {
      out.println(
          "Stopped the embedded store in "
              + home.postgresDirectory()
              + " (pid "
              + state.postmaster().orElseThrow()
              + ").");
    }
    return TenureCli.SUCCESS;
  }

  private static String describe(EmbeddedStoreState state, TenureHome home) {
    if (!state.running()) {
      return "The embedded store in "
          + home.postgresDirectory()
          + " is not running; the next command starts it.";
    }
    String where =
        "The embedded store in "
            + home.postgresDirectory()
            + " runs (pid "
            + state.postmaster().orElseThrow()
            + ", 127.0.0.1:"
            + state.port()
            + ")";
    return state
        .keeper()
        .map(keeper -> where + ", held up between commands by keeper pid " + keeper + ".")
        .orElse(where + ", owned by a running command or 'tenure serve'.");
  }
}
