package io.tenure.cli;

import io.tenure.engine.progress.ProgressBoard;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Option;

/**
 * {@code --quiet}: the progress of long work is drawn on stderr (a live bar on a terminal, a line
 * every few seconds otherwise) unless this is given.
 */
final class ProgressOption {

  @Option(names = "--quiet", description = "Draw no progress on stderr.")
  boolean quiet;

  /** Starts drawing the progress of the context's work on the environment's stderr. */
  void show(ConfigurableApplicationContext context, CliEnvironment environment) {
    if (quiet) {
      return;
    }
    context
        .getBeanProvider(ProgressBoard.class)
        .ifAvailable(
            board ->
                board.listen(
                    new ProgressReporter(
                        environment.err(),
                        environment.terminal().interactive(),
                        System::nanoTime)));
  }
}
