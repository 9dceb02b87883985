package io.tenure.store;

import java.io.File;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Finds, verifies and (when there is none) has a keeper start the embedded PostgreSQL that stays up
 * between commands.
 *
 * <p>The state lives in the data directory and beside it: PostgreSQL's {@code postmaster.pid} (the
 * postmaster's pid, port and status), the lock file that the process that started the server holds
 * for as long as it runs (an {@link EmbeddedStoreKeeper}, or a command that owns its server), and
 * {@code <data directory>.start}, a lock that one command at a time holds while it looks and
 * starts. A server is joined only when its postmaster lives, the lock is held, its status is
 * "ready" and a connection with the password of the owner-only password file reports this very data
 * directory ({@code SHOW data_directory}): a port or pid number that now belongs to something else
 * is never used. A live postmaster whose lock nobody holds (its keeper was killed) is stopped and a
 * fresh server started; a pid file whose process is gone (the postmaster was killed) is removed,
 * and PostgreSQL's crash recovery replays its write-ahead log on the next start, so no committed
 * change is lost.
 */
final class KeptServer {

  private static final Duration START_WAIT = Duration.ofSeconds(120);
  private static final long POLL_MILLIS = 25;
  private static final Object IN_PROCESS = new Object();

  private KeptServer() {}

  /**
   * The server of {@code directory}, joined or started by a new keeper that stops it after {@code
   * idleTimeout} without commands; empty when no keeper can be started from this process.
   */
  static Optional<EmbeddedPostgresServer> joinOrStart(
      Path directory, String password, Duration idleTimeout) throws IOException {
    Optional<List<String>> keeperCommand = keeperCommand(directory, idleTimeout);
    synchronized (IN_PROCESS) {
      try (FileChannel channel =
              FileChannel.open(
                  startLockFile(directory), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock ignored = channel.lock()) {
        return joinOrStartLocked(directory, password, keeperCommand);
      }
    }
  }

  private static Optional<EmbeddedPostgresServer> joinOrStartLocked(
      Path directory, String password, Optional<List<String>> keeperCommand) throws IOException {
    long deadline = System.nanoTime() + START_WAIT.toNanos();
    @Nullable Process keeper = null;
    @Nullable String lastProblem = null;
    while (System.nanoTime() < deadline) {
      ServerState state = ServerState.of(directory);
      if (state.postmaster().isPresent() && state.lockHeld()) {
        if (state.ready() && state.port() > 0) {
          try {
            verify(directory, state.port(), password);
            return Optional.of(new EmbeddedPostgresServer(null, state.port(), password));
          } catch (SQLException e) {
            lastProblem = e.getMessage();
          }
        }
      } else if (state.postmaster().isPresent()) {
        EmbeddedPostgresServer.stopStale(state.postmaster().get());
        continue;
      } else if (!state.lockHeld()) {
        if (keeper == null) {
          Files.deleteIfExists(directory.resolve(ServerState.PID_FILE));
          if (keeperCommand.isEmpty()) {
            return Optional.empty();
          }
          keeper = spawn(directory, keeperCommand.get());
        } else if (!keeper.isAlive()) {
          throw new IllegalStateException(
              "the keeper of the embedded PostgreSQL ended (exit code "
                  + keeper.exitValue()
                  + ") before the server was ready; see "
                  + logFile(directory)
                  + lastLines(logFile(directory)));
        }
      }
      sleep();
    }
    throw new IllegalStateException(
        "the embedded PostgreSQL in "
            + directory
            + " was not ready within "
            + START_WAIT
            + (lastProblem == null ? "" : " (" + lastProblem + ")")
            + "; see "
            + logFile(directory));
  }

  /**
   * Connects with the password and checks that the server on the port serves this data directory.
   */
  static void verify(Path directory, int port, String password) throws SQLException {
    try (Connection connection =
            DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + port + "/postgres?connectTimeout=5",
                "postgres",
                password);
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery("SHOW data_directory")) {
      result.next();
      Path served = Path.of(result.getString(1));
      if (!sameFile(served, directory)) {
        throw new SQLException(
            "the server on port " + port + " serves " + served + ", not " + directory);
      }
    }
  }

  private static boolean sameFile(Path one, Path other) {
    try {
      return Files.isSameFile(one, other);
    } catch (IOException e) {
      return one.toAbsolutePath().normalize().equals(other.toAbsolutePath().normalize());
    }
  }

  /**
   * How to start a keeper: this JVM's {@code java} with the class path of this process, detached
   * from the command's session with {@code setsid} where there is one (so that the shell or CI does
   * not wait for it and a Ctrl-C of the command does not reach it). Empty when this class was not
   * loaded from the system class path.
   */
  static Optional<List<String>> keeperCommand(Path directory, Duration idleTimeout) {
    if (KeptServer.class.getClassLoader() != ClassLoader.getSystemClassLoader()) {
      return Optional.empty();
    }
    String classPath = System.getProperty("java.class.path", "");
    if (classPath.isBlank()) {
      return Optional.empty();
    }
    List<String> command = new ArrayList<>();
    for (String setsid : List.of("/usr/bin/setsid", "/bin/setsid")) {
      if (Files.isExecutable(Path.of(setsid))) {
        command.add(setsid);
        break;
      }
    }
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(
        List.of(
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "-Xmx256m",
            "-Xss512k",
            "-Xshare:auto",
            "-cp",
            classPath,
            EmbeddedStoreKeeper.class.getName(),
            directory.toString(),
            Long.toString(idleTimeout.toMillis())));
    return Optional.of(command);
  }

  private static Process spawn(Path directory, List<String> command) throws IOException {
    File log = logFile(directory).toFile();
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log))
            .redirectError(ProcessBuilder.Redirect.appendTo(log));
    builder.environment().remove("JAVA_TOOL_OPTIONS");
    builder.environment().remove("JDK_JAVA_OPTIONS");
    return builder.start();
  }

  /** Where the server and its keeper write: {@code <data directory>.log}. */
  static Path logFile(Path directory) {
    return directory.resolveSibling(directory.getFileName() + ".log");
  }

  private static Path startLockFile(Path directory) {
    return directory.resolveSibling(directory.getFileName() + ".start");
  }

  private static String lastLines(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      List<String> last = lines.subList(Math.max(0, lines.size() - 5), lines.size());
      return last.isEmpty() ? "" : ":\n  " + String.join("\n  ", last);
    } catch (IOException e) {
      return "";
    }
  }

  private static void sleep() throws IOException {
    try {
      Thread.sleep(POLL_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for the embedded PostgreSQL", e);
    }
  }
}
