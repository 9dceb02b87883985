package io.tenure.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;

/** The embedded server: durable settings, data kept across restarts, recovery from a kill. */
class EmbeddedPostgresServerIT {

  private Path directory;

  @BeforeEach
  void createDirectory() throws Exception {
    directory = Files.createTempDirectory("tenure-embedded-it").resolve("postgres");
  }

  @AfterEach
  void deleteDirectory() throws Exception {
    FileSystemUtils.deleteRecursively(directory.getParent());
  }

  private static String query(EmbeddedPostgresServer server, String sql) throws Exception {
    try (Connection connection =
            DriverManager.getConnection(server.jdbcUrl(), server.username(), server.password());
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      result.next();
      return result.getString(1);
    }
  }

  private static void execute(EmbeddedPostgresServer server, String sql) throws Exception {
    try (Connection connection =
            DriverManager.getConnection(server.jdbcUrl(), server.username(), server.password());
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  @Test
  void runsDurablyOnLoopbackAndKeepsItsDataAcrossRestarts() throws Exception {
    try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(directory)) {
      assertThat(server.owner()).isTrue();
      assertThat(query(server, "show fsync")).isEqualTo("on");
      assertThat(query(server, "show synchronous_commit")).isEqualTo("on");
      assertThat(query(server, "show full_page_writes")).isEqualTo("on");
      assertThat(query(server, "show listen_addresses")).isEqualTo("127.0.0.1");
      // the cache sized for this machine, not PostgreSQL's 128MB whatever the machine
      EmbeddedServerMemory memory = EmbeddedServerMemory.ofThisMachine();
      assertThat(
              query(
                  server,
                  "select setting::bigint * 8192 / 1048576 || 'MB' from pg_settings"
                      + " where name = 'shared_buffers'"))
          .isEqualTo(memory.sharedBuffers());
      assertThat(query(server, "show max_wal_size")).isEqualTo(memory.maxWalSize());
      execute(server, "create table kept (value text)");
      execute(server, "insert into kept values ('still here')");
    }
    assertThat(Files.exists(directory.resolve("postmaster.pid"))).isFalse();

    long started = System.nanoTime();
    try (EmbeddedPostgresServer again = EmbeddedPostgresServer.start(directory)) {
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
      assertThat(query(again, "select value from kept")).isEqualTo("still here");
      System.out.println("restart on an existing data directory took " + millis + " ms");
    }
  }

  @Test
  void nobodyElseGetsIn() throws Exception {
    try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(directory)) {
      // the old attack: the port is in postmaster.pid, so connect as the superuser without a
      // password
      int port =
          Integer.parseInt(Files.readAllLines(directory.resolve("postmaster.pid")).get(3).trim());
      for (String password : new String[] {null, "", "postgres", "wrong"}) {
        assertThatThrownBy(
                () ->
                    DriverManager.getConnection(
                            "jdbc:postgresql://127.0.0.1:" + port + "/postgres",
                            "postgres",
                            password)
                        .close())
            .as("password %s", password)
            .isInstanceOf(java.sql.SQLException.class)
            .hasMessageContaining("password");
      }
      assertThat(query(server, "show password_encryption")).isEqualTo("scram-sha-256");
      assertThat(query(server, "show unix_socket_directories")).isEmpty();
      assertThat(
              query(
                  server,
                  "select count(*) from pg_hba_file_rules where auth_method <> 'scram-sha-256'"))
          .isEqualTo("0");
      Path passwordFile = EmbeddedPostgresServer.passwordFile(directory);
      assertThat(Files.getPosixFilePermissions(passwordFile))
          .containsExactlyInAnyOrder(
              PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
      assertThat(Files.getPosixFilePermissions(directory))
          .containsExactlyInAnyOrder(
              PosixFilePermission.OWNER_READ,
              PosixFilePermission.OWNER_WRITE,
              PosixFilePermission.OWNER_EXECUTE);
      assertThat(Files.readString(passwordFile).strip()).isEqualTo(server.password());
    }
  }

  @Test
  void aStoreMadeByAnEarlierVersionWithTrustIsMadePrivate() throws Exception {
    String password;
    try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(directory)) {
      password = server.password();
      execute(server, "create table kept (value text)");
      execute(server, "insert into kept values ('from before')");
    }
    // what earlier versions left: trust for everyone, and no password file
    Files.writeString(
        directory.resolve("pg_hba.conf"),
        "local all all trust\nhost all all 127.0.0.1/32 trust\nhost all all ::1/128 trust\n");
    Files.delete(EmbeddedPostgresServer.passwordFile(directory));

    try (EmbeddedPostgresServer upgraded = EmbeddedPostgresServer.start(directory)) {
      assertThat(upgraded.password()).isNotEqualTo(password);
      assertThat(query(upgraded, "select value from kept")).isEqualTo("from before");
      assertThatThrownBy(
              () -> DriverManager.getConnection(upgraded.jdbcUrl(), "postgres", "").close())
          .isInstanceOf(java.sql.SQLException.class);
      assertThat(Files.readString(directory.resolve("pg_hba.conf"))).doesNotContain("trust");
    }
  }

  @Test
  void aServerLeftByAKilledProcessIsJoinedWhileItLivesAndReplacedAfterItDied() throws Exception {
    String javaCommand = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child =
        new ProcessBuilder(
                List.of(
                    javaCommand,
                    "-cp",
                    System.getProperty("java.class.path"),
                    StaleServerProcess.class.getName(),
                    directory.toString()))
            .redirectErrorStream(true)
            .start();
    try {
      BufferedReader output =
          new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
      String line;
      int port = -1;
      while ((line = output.readLine()) != null) {
        if (line.startsWith("started ")) {
          port = Integer.parseInt(line.substring("started ".length()).trim());
          break;
        }
      }
      assertThat(port).as("the child process started a server").isPositive();

      // while its process lives, the server is joined, not stopped
      try (EmbeddedPostgresServer joined = EmbeddedPostgresServer.start(directory)) {
        assertThat(joined.owner()).isFalse();
        assertThat(joined.port()).isEqualTo(port);
        execute(joined, "create table survived (value text)");
        execute(joined, "insert into survived values ('written before the kill')");
      }

      child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      String stalePid = Files.readAllLines(directory.resolve("postmaster.pid")).get(0).trim();
      assertThat(ProcessHandle.of(Long.parseLong(stalePid)).map(ProcessHandle::isAlive))
          .as("the killed process's postmaster keeps running")
          .contains(true);

      try (EmbeddedPostgresServer recovered = EmbeddedPostgresServer.start(directory)) {
        assertThat(recovered.owner()).isTrue();
        assertThat(ProcessHandle.of(Long.parseLong(stalePid)).map(ProcessHandle::isAlive))
            .isNotEqualTo(Optional.of(true));
        assertThat(query(recovered, "select value from survived"))
            .isEqualTo("written before the kill");
      }
    } finally {
      child.destroyForcibly();
    }
  }
}
