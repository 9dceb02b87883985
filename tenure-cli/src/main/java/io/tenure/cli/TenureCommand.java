package io.tenure.cli;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The top-level {@code tenure} command: global options and the list of commands. */
@Command(
    name = "tenure",
    mixinStandardHelpOptions = true,
    versionProvider = TenureCli.Version.class,
    description = {
      "Tenure keeps every person's accounts equal to what policy says, from their first day to"
          + " their last.",
      ""
    },
    footer = {
      "",
      "Exit codes: 0 success, 1 failure, 2 usage error (arguments or tenure.yaml), 3 done but rows"
          + " rejected or warnings, 4 done but operations held by the mass-change brake, 5 a saved"
          + " plan refused (the store or a source changed since it was made).",
      "Environment: TENURE_HOME (default ./.tenure) holds the embedded PostgreSQL's data;"
          + " TENURE_STORE_IDLE_TIMEOUT (default store.embedded.idleTimeout, PT5M; 0 or off)"
          + " is how long it stays up after the last command ('tenure store status|stop')."
    })
final class TenureCommand implements Runnable {

  @Spec CommandSpec spec;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "The configuration file (default: ./tenure.yaml).")
  @Nullable Path config;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Missing command: say which command to run");
  }
}
