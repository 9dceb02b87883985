package io.tenure.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import io.tenure.engine.configuration.TenureHome;
import io.tenure.engine.ingest.IdentityImporter;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;

/**
 * A file of more rows than one chunk is imported in chunks that commit before the plan's
 * transaction, but what refuses a file as a whole still refuses it before any chunk is kept: a file
 * with more rejected rows than its source allows (the bad rows at its end, after whole chunks of
 * good ones) leaves nothing behind, so that importing a good file afterwards still finds every one
 * of its people new; an older file of a later source is refused before the chunks of an earlier
 * source's large file are imported. (That the committed chunks of a stopped import are kept and
 * planned for is {@code ImportCrashIT}'s.)
 */
class ChunkedImportIT {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-03-02T08:00:00Z"), ZoneOffset.UTC);
  private static final String HEADER =
      "employee_id,first_name,last_name,department,status,hire_date,end_date\n";

  /** Two and a half chunks. */
  private static final int ROWS = 2 * IdentityImporter.DEFAULT_BATCH_SIZE + 500;

  private Path folder;
  private InMemoryDirectoryServer directory;
  private TenureHome home;
  private Path config;
  private Path people;

  @BeforeEach
  void setUp() throws Exception {
    folder = Files.createTempDirectory("tenure-chunked-import-it");
    directory = ExampleDirectory.start();
    home = new TenureHome(folder.resolve("home"));
    people = folder.resolve("people.csv");
    config = folder.resolve("tenure.yaml");
    Files.writeString(
        config,
        """
        sources:
          hr:
            file: people.csv
            key: employeeId
            maxRejectedShare: 0.1
            attributes:
              employeeId: employee_id
              givenName: first_name
              familyName: last_name
              department: department
            lifecycle: { status: status, startDate: hire_date, endDate: end_date }
        targets:
          directory:
            type: ldap
            url: ldap://127.0.0.1:%d
            bindDn: cn=admin,dc=example,dc=com
            password: ${env:LDAP_PASSWORD}
            accounts: { base: "ou=people,dc=example,dc=com" }
            groups: { base: "ou=groups,dc=example,dc=com" }
            username: "'u' + employeeId"
            attributes: { cn: "givenName + ' ' + familyName", sn: familyName,
                          employeeNumber: employeeId }
        """
            .formatted(directory.getListenPort()));
  }

  @AfterEach
  void tearDown() {
    directory.shutDown(true);
    FileSystemUtils.deleteRecursively(folder.toFile());
  }

  @Test
  void tooManyRejectedRowsAtTheEndOfALargeFileKeepNothing() throws Exception {
    int bad = ROWS / 5; // 20%, more than maxRejectedShare 0.1
    write(people, rows(ROWS, bad), "2026-03-01T08:00:00Z");
    CliRun refused = tenure("apply", "--yes");
    assertThat(refused.exitCode).as(refused.toString()).isEqualTo(TenureCli.FAILURE);
    assertThat(refused.err)
        .contains(bad + " of the " + ROWS + " rows of people.csv")
        .contains("nothing was imported or planned from it");

    write(people, rows(ROWS, 0), "2026-03-01T09:00:00Z");
    CliRun good = tenure("apply", "--yes");
    assertThat(good.exitCode).as(good.toString()).isEqualTo(TenureCli.SUCCESS);
    assertThat(good.out)
        .as("nothing of the refused file was kept")
        .contains("people.csv: " + ROWS + " rows: " + ROWS + " new, 0 changed, 0 unchanged");
    assertThat(directory.countEntriesBelow("ou=people,dc=example,dc=com")).isEqualTo(ROWS + 1);

    CliRun again = tenure("apply", "--yes");
    assertThat(again.exitCode).as(again.toString()).isEqualTo(TenureCli.SUCCESS);
    assertThat(again.out).contains(ROWS + " rows: 0 new, 0 changed, " + ROWS + " unchanged");
  }

  @Test
  void anOlderFileOfALaterSourceIsRefusedBeforeAnyChunkOfALargeFileIsKept() throws Exception {
    Path badges = folder.resolve("badges.csv");
    write(people, rows(1, 0), "2026-03-01T09:00:00Z");
    write(badges, "employee_id,badge\nE100001,B1\n", "2026-03-01T09:00:00Z");
    withBadges();
    CliRun first = tenure("apply", "--yes");
    assertThat(first.exitCode).as(first.toString()).isZero();

    write(people, rows(ROWS, 0), "2026-03-01T10:00:00Z");
    write(badges, "employee_id,badge\nE100001,B0\n", "2026-03-01T08:00:00Z");
    CliRun refused = tenure("apply", "--yes");
    assertThat(refused.exitCode).as(refused.toString()).isEqualTo(TenureCli.FAILURE);
    assertThat(refused.err).contains("source badges: ").contains("is older than");

    CliRun allowed = tenure("apply", "--yes", "--allow-older");
    assertThat(allowed.exitCode).as(allowed.toString()).isZero();
    assertThat(allowed.out)
        .as("nothing of the refused run was kept")
        .contains("people.csv: " + ROWS + " rows: " + (ROWS - 1) + " new, 0 changed, 1 unchanged")
        .contains("badges.csv: 1 rows: 0 new, 1 changed");
  }

  /**
   * A source that the first read (the one that decides whether it is imported in chunks) cannot
   * read at all is recorded as refused from that read, not read again in the plan's transaction: a
   * directory that is down costs its timeout once. Here a port that accepts connections and closes
   * them at once stands for it, and counts them.
   */
  @Test
  void aSourceTheFirstReadCannotReadIsNotReadAgain() throws Exception {
    try (ServerSocket down = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      AtomicInteger connections = new AtomicInteger();
      Thread acceptor =
          new Thread(
              () -> {
                while (!down.isClosed()) {
                  try (Socket connection = down.accept()) {
                    connections.incrementAndGet();
                  } catch (IOException closed) {
                    return;
                  }
                }
              });
      acceptor.setDaemon(true);
      acceptor.start();
      String yaml = Files.readString(config);
      Files.writeString(
          config,
          yaml.replace(
              """
                  file: people.csv
              """,
              """
                  type: ldap
                  url: ldap://127.0.0.1:%d
                  bindDn: cn=admin,dc=example,dc=com
                  password: ${env:LDAP_PASSWORD}
                  base: ou=people,dc=example,dc=com
              """
                  .formatted(down.getLocalPort())));
      assertThat(Files.readString(config)).contains("type: ldap\n    url: ldap://127.0.0.1:");

      CliRun refused = tenure("import", "--source", "hr");
      assertThat(refused.exitCode).as(refused.toString()).isNotZero();
      assertThat(refused.out + refused.err).contains("cannot connect to ldap://127.0.0.1:");
      assertThat(connections.get()).as("connections to the source").isEqualTo(1);
    }
  }

  /** Adds a second source after hr: badges, which only adds an attribute to known people. */
  private void withBadges() throws Exception {
    String yaml = Files.readString(config);
    Files.writeString(
        config,
        yaml.replace(
            "targets:",
            """
              badges:
                file: badges.csv
                key: employeeId
                unmatched: report
                attributes: { employeeId: employee_id, badge: badge }
            targets:"""));
  }

  /** {@code count} people, the last {@code bad} of them with a hire date that is not a date. */
  private static String rows(int count, int bad) {
    StringBuilder csv = new StringBuilder(HEADER);
    for (int index = 1; index <= count; index++) {
      String hired = index > count - bad ? "05/01/2026" : "2026-01-05";
      csv.append("E")
          .append(100000 + index)
          .append(",Given")
          .append(index)
          .append(",Family")
          .append(index)
          .append(",Sales,active,")
          .append(hired)
          .append(",\n");
    }
    return csv.toString();
  }

  private CliRun tenure(String... arguments) {
    String[] withConfig = new String[arguments.length + 2];
    withConfig[0] = "--config";
    withConfig[1] = config.toString();
    System.arraycopy(arguments, 0, withConfig, 2, arguments.length);
    return CliRun.run(home, CLOCK, Terminal.none(), UnaryOperator.identity(), withConfig);
  }

  private static void write(Path file, String content, String modified) throws Exception {
    Files.writeString(file, content);
    Files.setLastModifiedTime(file, FileTime.from(Instant.parse(modified)));
  }
}
