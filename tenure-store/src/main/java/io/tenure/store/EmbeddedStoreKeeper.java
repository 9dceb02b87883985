package io.tenure.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The process that keeps the embedded PostgreSQL up between commands and stops it when it is idle.
 *
 * <p>A command that finds no server starts a keeper ({@code java -cp <the command's class path>
 * io.tenure.store.EmbeddedStoreKeeper DATA_DIRECTORY IDLE_MILLISECONDS}, in a session of its own,
 * its output appended to {@code <data directory>.log}) and waits until the server is ready; the
 * keeper starts PostgreSQL (durably, on 127.0.0.1 only, {@code scram-sha-256} with the owner-only
 * password file, as {@link EmbeddedPostgresServer#start(Path)} does) and holds the data directory's
 * lock for as long as it runs, which is how commands tell a kept server from a stale one. It writes
 * its pid to {@code <data directory>.keeper} for {@code tenure store status} and {@code stop}.
 *
 * <p>Idle means: no command holds a {@link StoreLease} (the keeper gets the exclusive lock of the
 * lease file) and no client is connected ({@code pg_stat_activity}). The keeper looks every
 * twentieth of the idle timeout (at least every 5 seconds); once the server has been idle for the
 * whole timeout it stops it (fast shutdown, a checkpoint) while it still holds the exclusive lock,
 * so that a command arriving at that moment waits and then starts a fresh server, and exits.
 *
 * <p>It ignores SIGINT and SIGHUP (a Ctrl-C in the terminal that started the first command, or the
 * terminal closing, must not stop the store that other commands use); SIGTERM stops the server
 * cleanly ({@code tenure store stop}). When the postmaster dies (kill -9) the keeper exits, and the
 * next command starts a fresh server, which recovers from its write-ahead log. When the keeper is
 * killed with kill -9, the next command finds a postmaster whose lock nobody holds, stops it and
 * starts a fresh server with a new keeper.
 */
public final class EmbeddedStoreKeeper {

  private EmbeddedStoreKeeper() {}

  /** Arguments: the data directory, the idle timeout in milliseconds. */
  public static void main(String[] arguments) throws Exception {
    ignore("INT");
    ignore("HUP");
    Path directory = Path.of(arguments[0]).toAbsolutePath().normalize();
    Duration idleTimeout = Duration.ofMillis(Long.parseLong(arguments[1]));
    EmbeddedPostgresServer server = startServer(directory);
    if (!server.owner()) {
      say("another process already holds the embedded PostgreSQL in " + directory + "; leaving");
      return;
    }
    Path pidFile = pidFile(directory);
    Files.writeString(pidFile, ProcessHandle.current().pid() + "\n", StandardCharsets.UTF_8);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    Files.deleteIfExists(pidFile);
                  } catch (IOException e) {
                    // a stale pid file names a process that is gone or not a keeper: ignored
                  }
                }));
    ProcessHandle postmaster = postmaster(directory).orElseThrow();
    say(
        "keeping the embedded PostgreSQL (pid "
            + postmaster.pid()
            + ", port "
            + server.port()
            + ") up; it stops after "
            + idleTimeout
            + " without commands");
    try {
      keep(directory, server, postmaster, idleTimeout);
    } finally {
      Files.deleteIfExists(pidFile);
    }
  }

  /**
   * Starts the server; tries again a few times when the data directory's lock could not be taken,
   * which happens when a waiting command tests the lock at the very moment the keeper takes it.
   */
  private static EmbeddedPostgresServer startServer(Path directory) throws InterruptedException {
    for (int attempt = 1; ; attempt++) {
      try {
        return EmbeddedPostgresServer.start(directory);
      } catch (IllegalStateException e) {
        if (attempt == 5 || !String.valueOf(e.getMessage()).contains("could not lock")) {
          throw e;
        }
        Thread.sleep(20L * attempt);
      }
    }
  }

  /** Where a keeper writes its pid. */
  public static Path pidFile(Path dataDirectory) {
    Path directory = dataDirectory.toAbsolutePath().normalize();
    return directory.resolveSibling(directory.getFileName() + ".keeper");
  }

  private static void keep(
      Path directory, EmbeddedPostgresServer server, ProcessHandle postmaster, Duration idleTimeout)
      throws IOException, InterruptedException {
    long pollMillis = Math.max(100, Math.min(5_000, idleTimeout.toMillis() / 20));
    Instant idleSince = Instant.now();
    try (FileChannel lease = StoreLease.open(directory)) {
      while (true) {
        Thread.sleep(pollMillis);
        if (!postmaster.isAlive()) {
          say("the postmaster (pid " + postmaster.pid() + ") is gone; the next command starts one");
          Runtime.getRuntime().halt(1);
        }
        Optional<FileLock> exclusive = StoreLease.tryExclusive(lease);
        if (exclusive.isEmpty()) {
          idleSince = Instant.now();
          continue;
        }
        try (FileLock unused = exclusive.get()) {
          if (clients(server) > 0) {
            idleSince = Instant.now();
            continue;
          }
          Duration idle = Duration.between(idleSince, Instant.now());
          if (idle.compareTo(idleTimeout) >= 0) {
            say("idle for " + idle.withNanos(0) + ": stopping the embedded PostgreSQL");
            server.close();
            say("stopped");
            return;
          }
        }
      }
    }
  }

  /** The client connections other than this one; a failure to ask counts as busy. */
  private static int clients(EmbeddedPostgresServer server) {
    try (Connection connection =
            DriverManager.getConnection(server.jdbcUrl(), server.username(), server.password());
        Statement statement = connection.createStatement();
        ResultSet result =
            statement.executeQuery(
                "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend'"
                    + " AND pid <> pg_backend_pid()")) {
      result.next();
      return result.getInt(1);
    } catch (SQLException e) {
      say("cannot count the clients (" + e.getMessage() + "); counting the server as busy");
      return 1;
    }
  }

  private static Optional<ProcessHandle> postmaster(Path directory) throws IOException {
    List<String> lines = Files.readAllLines(directory.resolve(ServerState.PID_FILE));
    return EmbeddedPostgresServer.livePostmaster(lines);
  }

  @SuppressWarnings("restriction")
  private static void ignore(String signal) {
    try {
      sun.misc.Signal.handle(new sun.misc.Signal(signal), sun.misc.SignalHandler.SIG_IGN);
    } catch (IllegalArgumentException e) {
      // no such signal on this system
    }
  }

  private static void say(String message) {
    System.err.println(Instant.now() + " tenure store keeper: " + message);
    System.err.flush();
  }
}
