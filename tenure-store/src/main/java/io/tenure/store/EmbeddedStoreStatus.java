package io.tenure.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Whether the embedded PostgreSQL of a data directory runs, on which port, and whether a keeper
 * holds it up between commands (and which process that is), for {@code tenure store status} and
 * {@code tenure store stop}.
 *
 * @param postmaster the postmaster's pid, when one runs
 * @param port its port on 127.0.0.1 (0 when none runs)
 * @param keeper the keeper's pid, when a keeper holds the server up
 */
public record EmbeddedStoreStatus(Optional<Long> postmaster, int port, Optional<Long> keeper) {

  private static final Duration STOP_WAIT = Duration.ofSeconds(30);

  /** True when a server runs. */
  public boolean running() {
    return postmaster.isPresent();
  }

  /** What the files of {@code dataDirectory} and the live processes say now. */
  public static EmbeddedStoreStatus of(Path dataDirectory) {
    Path directory = dataDirectory.toAbsolutePath().normalize();
    if (!Files.isDirectory(directory)) {
      return new EmbeddedStoreStatus(Optional.empty(), 0, Optional.empty());
    }
    try {
      ServerState state = ServerState.of(directory);
      Optional<Long> keeper = keeper(directory).map(ProcessHandle::pid);
      return new EmbeddedStoreStatus(
          state.postmaster().map(ProcessHandle::pid),
          state.postmaster().isPresent() ? state.port() : 0,
          keeper);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the state of " + directory, e);
    }
  }

  /**
   * Stops the server that a keeper holds up (SIGTERM to the keeper, which stops PostgreSQL with a
   * fast shutdown: commands still connected are disconnected) and waits for the keeper to end.
   *
   * @return the status before stopping; a server without a keeper (owned by a running command or
   *     {@code tenure serve}) is left alone
   */
  public static EmbeddedStoreStatus stop(Path dataDirectory) {
    Path directory = dataDirectory.toAbsolutePath().normalize();
    EmbeddedStoreStatus before = of(directory);
    Optional<ProcessHandle> keeper = keeper(directory);
    if (keeper.isEmpty()) {
      return before;
    }
    keeper.get().destroy();
    try {
      keeper.get().onExit().get(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while stopping the embedded PostgreSQL", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(
          "the keeper of the embedded PostgreSQL (pid "
              + keeper.get().pid()
              + ") did not stop within "
              + STOP_WAIT,
          e);
    }
    return before;
  }

  /** The live keeper named by the keeper's pid file, if it is one. */
  private static Optional<ProcessHandle> keeper(Path directory) {
    String text;
    try {
      text = Files.readString(EmbeddedStoreKeeper.pidFile(directory), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the keeper's pid file", e);
    }
    long pid;
    try {
      pid = Long.parseLong(text.strip());
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    return ProcessHandle.of(pid)
        .filter(ProcessHandle::isAlive)
        .filter(
            handle ->
                handle
                    .info()
                    .arguments()
                    .map(
                        arguments ->
                            String.join(" ", arguments)
                                .contains(EmbeddedStoreKeeper.class.getName()))
                    .orElse(true));
  }
}
