package io.tenure.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL server of a Tenure home, started from Maven-served binaries.
 *
 * <p>Its data directory is kept across runs and it runs durably (fsync, synchronous commit and full
 * page writes on, unlike the test-tuned defaults of the library). It listens on a free loopback
 * port. A server left running by a process that was killed is found through {@code postmaster.pid}:
 * when no live process holds the directory's lock the stale server is stopped and a fresh one
 * started; when a live process (another Tenure command, or this JVM) holds it, this instance
 * connects to that server and leaves it running on {@link #close()}.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
  private static final String LOCK_FILE = "epg-lock";
  private static final String PID_FILE = "postmaster.pid";
  private static final Duration STOP_WAIT = Duration.ofSeconds(20);

  private final @Nullable EmbeddedPostgres postgres;
  private final int port;

  private EmbeddedPostgresServer(@Nullable EmbeddedPostgres postgres, int port) {
    this.postgres = postgres;
    this.port = port;
  }

  /**
   * Starts (or joins) the server whose data lives in {@code dataDirectory}; creates and initialises
   * the directory on first use.
   */
  public static EmbeddedPostgresServer start(Path dataDirectory) {
    Path directory = dataDirectory.toAbsolutePath().normalize();
    try {
      Files.createDirectories(directory);
      Optional<EmbeddedPostgresServer> running = joinOrStopStaleServer(directory);
      if (running.isPresent()) {
        return running.get();
      }
      Path log = directory.resolveSibling(directory.getFileName() + ".log");
      EmbeddedPostgres postgres =
          EmbeddedPostgres.builder()
              .setDataDirectory(directory)
              .setCleanDataDirectory(false)
              .setPort(freeLoopbackPort())
              .setServerConfig("listen_addresses", "127.0.0.1")
              .setServerConfig("fsync", "on")
              .setServerConfig("synchronous_commit", "on")
              .setServerConfig("full_page_writes", "on")
              .setServerConfig("max_connections", "40")
              .setPGStartupWait(Duration.ofSeconds(60))
              .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
      return new EmbeddedPostgresServer(postgres, postgres.getPort());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot start the embedded PostgreSQL in " + directory + ": " + e.getMessage(), e);
    }
  }

  /** The port on 127.0.0.1. */
  public int port() {
    return port;
  }

  /** The JDBC URL of the {@code postgres} database. */
  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
  }

  /** The superuser, which connects without a password on loopback. */
  public String username() {
    return "postgres";
  }

  /** True when this instance started the server (and so stops it on close). */
  public boolean owner() {
    return postgres != null;
  }

  /** Stops the server if this instance started it. */
  @Override
  public void close() {
    if (postgres != null) {
      try {
        postgres.close();
      } catch (IOException e) {
        LOG.warn("could not stop the embedded PostgreSQL: {}", e.getMessage());
      }
    }
  }

  private static Optional<EmbeddedPostgresServer> joinOrStopStaleServer(Path directory)
      throws IOException {
    Path pidFile = directory.resolve(PID_FILE);
    if (!Files.exists(pidFile)) {
      return Optional.empty();
    }
    List<String> lines = Files.readAllLines(pidFile);
    Optional<ProcessHandle> postmaster = livePostmaster(lines);
    if (postmaster.isEmpty()) {
      // the process is gone (or the number now belongs to another program): a leftover file
      Files.deleteIfExists(pidFile);
      return Optional.empty();
    }
    if (lockHeldByLiveProcess(directory) && lines.size() > 3) {
      int port = Integer.parseInt(lines.get(3).trim());
      LOG.info("joining the embedded PostgreSQL already running on port {}", port);
      return Optional.of(new EmbeddedPostgresServer(null, port));
    }
    stopStale(postmaster.get());
    return Optional.empty();
  }

  private static Optional<ProcessHandle> livePostmaster(List<String> pidFileLines) {
    if (pidFileLines.isEmpty()) {
      return Optional.empty();
    }
    long pid;
    try {
      pid = Long.parseLong(pidFileLines.get(0).trim());
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    return ProcessHandle.of(pid)
        .filter(ProcessHandle::isAlive)
        .filter(
            handle ->
                handle.info().command().map(command -> command.contains("postgres")).orElse(true));
  }

  private static boolean lockHeldByLiveProcess(Path directory) throws IOException {
    try (FileChannel channel =
        FileChannel.open(
            directory.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      FileLock lock = channel.tryLock();
      if (lock == null) {
        return true;
      }
      lock.release();
      return false;
    } catch (OverlappingFileLockException e) {
      return true;
    }
  }

  private static void stopStale(ProcessHandle postmaster) throws IOException {
    LOG.warn(
        "stopping a stale embedded PostgreSQL (pid {}) left by a process that ended",
        postmaster.pid());
    // SIGINT is PostgreSQL's fast shutdown: it disconnects sessions and checkpoints
    Process kill =
        new ProcessBuilder("kill", "-INT", Long.toString(postmaster.pid()))
            .redirectErrorStream(true)
            .start();
    try {
      kill.waitFor(5, TimeUnit.SECONDS);
      postmaster.onExit().get(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while stopping a stale PostgreSQL", e);
    } catch (ExecutionException | TimeoutException e) {
      postmaster.destroyForcibly();
      throw new IOException(
          "a stale PostgreSQL (pid " + postmaster.pid() + ") did not stop within " + STOP_WAIT, e);
    }
  }

  private static int freeLoopbackPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
