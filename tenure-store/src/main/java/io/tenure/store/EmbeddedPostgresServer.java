package io.tenure.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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
 * page writes on, unlike the test-tuned defaults of the library), with a cache sized for the
 * machine ({@link EmbeddedServerMemory}). It listens on a free loopback port and on no Unix socket,
 * and it is <b>private</b>: every connection needs the superuser's password ({@code scram-sha-256}
 * only, for every host and local connection), a password generated on first use and kept beside the
 * data directory in {@code <data directory>.password}, readable by its owner only (mode 0600), like
 * the data directory (0700). A data directory made by an earlier version with {@code trust}
 * authentication is made private the first time it starts. A server left running by a process that
 * was killed is found through {@code postmaster.pid}: when no live process holds the directory's
 * lock the stale server is stopped and a fresh one started; when a live process (another Tenure
 * command, a keeper, or this JVM) holds it, this instance connects to that server and leaves it
 * running on {@link #close()}.
 *
 * <p>{@link #start(Path)} starts the server in this process, which stops it on {@link #close()};
 * {@link #open(Path, Duration)} (what commands use) leaves it to a detached {@link
 * EmbeddedStoreKeeper}, so that it stays up between commands until it has been idle for a while.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
  private static final String LOCK_FILE = "epg-lock";
  private static final String PID_FILE = "postmaster.pid";
  private static final Duration STOP_WAIT = Duration.ofSeconds(20);

  private static final String HBA_FILE = "pg_hba.conf";
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> OWNER_ONLY_FOLDER =
      PosixFilePermissions.fromString("rwx------");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final @Nullable EmbeddedPostgres postgres;
  private final int port;
  private final String password;
  private @Nullable StoreLease lease;

  EmbeddedPostgresServer(@Nullable EmbeddedPostgres postgres, int port, String password) {
    this.postgres = postgres;
    this.port = port;
    this.password = password;
  }

  /**
   * Starts (or joins) the server whose data lives in {@code dataDirectory}; creates and initialises
   * the directory on first use.
   */
  public static EmbeddedPostgresServer start(Path dataDirectory) {
    Path directory = dataDirectory.toAbsolutePath().normalize();
    try {
      Files.createDirectories(directory);
      restrict(directory, OWNER_ONLY_FOLDER);
      Path passwordFile = passwordFile(directory);
      String password = password(passwordFile);
      Optional<EmbeddedPostgresServer> running = joinOrStopStaleServer(directory, password);
      if (running.isPresent()) {
        return running.get();
      }
      boolean trusting = Files.exists(directory.resolve(HBA_FILE)) && trusts(directory);
      Path log = directory.resolveSibling(directory.getFileName() + ".log");
      EmbeddedServerMemory memory = EmbeddedServerMemory.ofThisMachine();
      EmbeddedPostgres.Builder builder =
          EmbeddedPostgres.builder()
              .setDataDirectory(directory)
              .setCleanDataDirectory(false)
              .setPort(freeLoopbackPort())
              // initdb: the superuser's password from the file, password authentication only
              .setLocaleConfig("auth", "scram-sha-256")
              .setLocaleConfig("pwfile", passwordFile.toString())
              .setServerConfig("listen_addresses", "127.0.0.1")
              .setServerConfig("unix_socket_directories", "''")
              .setServerConfig("fsync", "on")
              .setServerConfig("synchronous_commit", "on")
              .setServerConfig("full_page_writes", "on")
              .setServerConfig("max_connections", "40")
              .setServerConfig("shared_buffers", memory.sharedBuffers())
              .setServerConfig("max_wal_size", memory.maxWalSize())
              .setPGStartupWait(Duration.ofSeconds(60))
              .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()));
      if (!trusting) {
        builder.setConnectConfig("password", password);
      }
      UnpackedBinaries.clearUnfinished(UnpackedBinaries.workingDirectory());
      EmbeddedPostgres postgres = builder.start();
      EmbeddedPostgresServer server =
          new EmbeddedPostgresServer(postgres, postgres.getPort(), password);
      if (trusting) {
        server.makePrivate(directory);
      }
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot start the embedded PostgreSQL in " + directory + ": " + e.getMessage(), e);
    }
  }

  /**
   * What a command uses: a {@link StoreLease} on the server of {@code dataDirectory} (so that no
   * keeper stops it while the command runs), then, with a positive {@code idleTimeout}, the server
   * a keeper holds up, joined, or started by a new keeper (see {@link KeptServer}) which stops it
   * after {@code idleTimeout} without commands; with a zero timeout, or where no keeper can be
   * started (the classes are not on the system class path, as in a jar run without unpacking), the
   * server starts in this process as {@link #start(Path)} does. {@link #close()} lets the lease go.
   */
  public static EmbeddedPostgresServer open(Path dataDirectory, Duration idleTimeout) {
    Path directory = dataDirectory.toAbsolutePath().normalize();
    // a wrong TENURE_STORE_SHARED_BUFFERS is told here, by the command, not by the keeper's log
    EmbeddedServerMemory.ofThisMachine();
    try {
      Files.createDirectories(directory);
      restrict(directory, OWNER_ONLY_FOLDER);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot create the embedded PostgreSQL's folder " + directory + ": " + e.getMessage(), e);
    }
    StoreLease lease = StoreLease.acquire(directory);
    try {
      EmbeddedPostgresServer server;
      if (idleTimeout.isZero()) {
        server = start(directory);
      } else {
        String password = password(passwordFile(directory));
        server =
            KeptServer.joinOrStart(directory, password, idleTimeout)
                .orElseGet(() -> start(directory));
      }
      server.lease = lease;
      return server;
    } catch (IOException e) {
      lease.close();
      throw new UncheckedIOException(
          "cannot start the embedded PostgreSQL in " + directory + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      lease.close();
      throw e;
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

  /** The superuser. */
  public String username() {
    return "postgres";
  }

  /** The superuser's password (never logged). */
  public String password() {
    return password;
  }

  /** Where the password of the server with this data directory is kept. */
  static Path passwordFile(Path dataDirectory) {
    return dataDirectory.resolveSibling(dataDirectory.getFileName() + ".password");
  }

  /** The password in the file, generated (and written, owner-only) when there is none yet. */
  static String password(Path file) throws IOException {
    if (Files.exists(file)) {
      restrict(file, OWNER_ONLY);
      String stored = Files.readString(file, StandardCharsets.UTF_8).strip();
      if (!stored.isEmpty()) {
        return stored;
      }
      Files.delete(file);
    }
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    String generated = HexFormat.of().formatHex(secret);
    Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
    Files.writeString(file, generated + "\n", StandardCharsets.UTF_8);
    return generated;
  }

  private static void restrict(Path path, Set<PosixFilePermission> permissions) throws IOException {
    if (Files.getFileStore(path).supportsFileAttributeView("posix")) {
      Files.setPosixFilePermissions(path, permissions);
    }
  }

  /** Whether the data directory's pg_hba.conf lets anybody in without a password. */
  private static boolean trusts(Path directory) throws IOException {
    for (String line : Files.readAllLines(directory.resolve(HBA_FILE))) {
      String rule = line.strip();
      if (!rule.startsWith("#") && rule.matches(".*\\btrust\\b.*")) {
        return true;
      }
    }
    return false;
  }

  /**
   * Makes a data directory of an earlier version private: gives the superuser the password, allows
   * only password authentication from now on, and reloads the configuration.
   */
  private void makePrivate(Path directory) throws IOException {
    LOG.warn(
        "making the embedded PostgreSQL in {} private: password authentication only", directory);
    try (Connection connection = DriverManager.getConnection(jdbcUrl(), username(), password);
        Statement statement = connection.createStatement()) {
      statement.execute("SET password_encryption = 'scram-sha-256'");
      statement.execute("ALTER ROLE postgres PASSWORD '" + password.replace("'", "''") + "'");
      Files.writeString(
          directory.resolve(HBA_FILE),
          "# Tenure's embedded store: password authentication only\n"
              + "local all all scram-sha-256\n"
              + "host all all 127.0.0.1/32 scram-sha-256\n"
              + "host all all ::1/128 scram-sha-256\n",
          StandardCharsets.UTF_8);
      statement.execute("SELECT pg_reload_conf()");
    } catch (SQLException e) {
      close();
      throw new IllegalStateException(
          "cannot make the embedded PostgreSQL in " + directory + " private: " + e.getMessage(), e);
    }
  }

  /** True when this instance started the server (and so stops it on close). */
  public boolean owner() {
    return postgres != null;
  }

  /** Stops the server if this instance started it; lets its lease go. */
  @Override
  public void close() {
    if (lease != null) {
      lease.close();
    }
    if (postgres != null) {
      try {
        postgres.close();
      } catch (IOException e) {
        LOG.warn("could not stop the embedded PostgreSQL: {}", e.getMessage());
      }
    }
  }

  private static Optional<EmbeddedPostgresServer> joinOrStopStaleServer(
      Path directory, String password) throws IOException {
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
      return Optional.of(new EmbeddedPostgresServer(null, port, password));
    }
    stopStale(postmaster.get());
    return Optional.empty();
  }

  static Optional<ProcessHandle> livePostmaster(List<String> pidFileLines) {
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

  static boolean lockHeldByLiveProcess(Path directory) throws IOException {
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

  static void stopStale(ProcessHandle postmaster) throws IOException {
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
