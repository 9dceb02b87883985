package io.tenure.server.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenure.engine.audit.AuditVerification;
import io.tenure.engine.ingest.IdentityImporter;
import io.tenure.server.CommittedAuditEvents;
import io.tenure.server.queue.QueueScenario.HrStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Crashes before anything reaches a target: a {@code tenure import} process is killed with SIGKILL
 * in the middle of its import (its transaction holds new identities, nothing is committed), then a
 * {@code tenure apply} process is killed while it stores its plan (the identities and the plan row
 * written, the operations waiting on a lock this test holds). Nothing of either is kept, and the
 * next {@code apply} does everything exactly once: every person once, every operation once and
 * succeeded, every account once with exactly its groups, each joiner audited once, and the audit
 * chain intact.
 */
class ImportCrashIT {

  private static final String LDAP_URL =
      System.getProperty("tenure.it.ldap.url", "ldap://127.0.0.1:3389");
  private static final int PEOPLE = Integer.getInteger("tenure.it.importcrash.people", 400);
  private static final Duration PATIENCE = Duration.ofMinutes(3);

  @Test
  void killedDuringImportAndDuringPlanStorageThenTheNextApplyDoesEverythingOnce() throws Exception {
    try (QueueScenario scenario = new QueueScenario(LDAP_URL, PEOPLE, 6, 20261206L)) {
      // the schema first, so that the write locks watched below are the import's, not a migration's
      scenario.migrate();
      // 1. killed in the middle of the import: its transaction has written identities and their
      // joiner events
      Process importing =
          scenario.start(
              "import.log",
              Map.of(),
              "import",
              "--source",
              "hr",
              "--file",
              scenario.folder.resolve("people.csv").toString());
      try (Connection watcher = scenario.postgres(scenario.database)) {
        Set<String> locked =
            awaitTransactionLocking(watcher, importing, Set.of("identities", "audit_inbox"));
        assertThat(locked).as("still importing: no plan stored yet").doesNotContain("plans");
        importing.destroyForcibly();
        assertThat(importing.waitFor(30, TimeUnit.SECONDS)).isTrue();
      } finally {
        QueueScenario.stop(importing);
      }
      assertNothingKept(scenario, "after the killed import");

      // 2. killed while storing its plan: this test holds the operations table, so the apply's
      // transaction waits there with its identities and its plan row written
      Process applying;
      try (Connection holder = scenario.postgres(scenario.database)) {
        holder.setAutoCommit(false);
        try (Statement statement = holder.createStatement()) {
          statement.execute("lock table operations in share mode");
        }
        applying = scenario.start("first-apply.log", Map.of(), "apply", "--yes");
        try (Connection watcher = scenario.postgres(scenario.database)) {
          Set<String> locked = awaitWaitingOn(watcher, applying, "operations");
          assertThat(locked)
              .as("storing the plan: the import and the plan row are written")
              .contains("identities", "plans");
          applying.destroyForcibly();
          assertThat(applying.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
          QueueScenario.stop(applying);
          holder.rollback();
        }
      }
      assertNothingKept(scenario, "after the apply killed while storing its plan");

      // 3. the next apply does everything, once
      runToEnd(scenario, "apply.log", "apply", "--yes");
      assertEverythingOnce(scenario, PEOPLE);
    }
  }

  /**
   * A source of more rows than one chunk (a file, a table of PostgreSQL or MariaDB, a directory) is
   * imported in chunks that commit: a {@code tenure import} killed after its first chunks keeps
   * them (their people, their joiner events, and their people waiting to be planned), and stores no
   * plan. The next {@code tenure import} of the same source, which plans only for the people it
   * changes, finds the kept rows unchanged and still plans for their people: everything is done
   * once.
   */
  @ParameterizedTest
  @EnumSource(HrStore.class)
  void killedAfterSomeChunksThenTheNextImportKeepsThemAndPlansForThem(HrStore store)
      throws Exception {
    int people = 2 * IdentityImporter.DEFAULT_BATCH_SIZE + 500;
    try (QueueScenario scenario = new QueueScenario(LDAP_URL, people, 6, 20261207L)) {
      scenario.readHrFrom(store);
      scenario.migrate();
      String[] importHr = importHr(scenario, store);
      Process importing = scenario.start("import.log", Map.of(), importHr);
      try (Connection watcher = scenario.postgres(scenario.database);
          Connection holder = scenario.postgres(scenario.database)) {
        // once a chunk has committed, hold the backlog: the next chunk (or the plan) waits there
        awaitCount(watcher, importing, "select count(*) from identities_to_plan", 1);
        holder.setAutoCommit(false);
        try (Statement statement = holder.createStatement()) {
          statement.execute("lock table identities_to_plan in share mode");
        }
        awaitWaitingOn(watcher, importing, "identities_to_plan");
        importing.destroyForcibly();
        assertThat(importing.waitFor(30, TimeUnit.SECONDS)).isTrue();
        holder.rollback();
      } finally {
        QueueScenario.stop(importing);
      }
      long kept = scenario.count("select count(*) from identities");
      assertThat(kept)
          .as("whole chunks kept")
          .isIn(
              (long) IdentityImporter.DEFAULT_BATCH_SIZE,
              2L * IdentityImporter.DEFAULT_BATCH_SIZE,
              (long) people);
      assertThat(scenario.count("select count(*) from identities_to_plan"))
          .as("the kept people wait to be planned")
          .isEqualTo(kept);
      assertThat(scenario.count(CommittedAuditEvents.count("identity.joiner")))
          .as("each kept joiner audited once")
          .isEqualTo(kept);
      for (String table : new String[] {"plans", "operations"}) {
        assertThat(scenario.count("select count(*) from " + table)).as(table).isZero();
      }

      runToEnd(scenario, "import-again.log", importHr);
      assertThat(scenario.output("import-again.log"))
          .as("the kept rows are unchanged")
          .contains(kept + " unchanged");
      assertEverythingOnce(scenario, people);
    }
  }

  /**
   * A table read by a watermark is imported in chunks, and where the read ended is saved with the
   * plan: a {@code tenure import} killed while it stores its plan (every chunk committed, waiting
   * on a lock this test holds) keeps its people, waiting to be planned, but not the checkpoint. The
   * next import reads the whole table again, finds every row unchanged, plans for everybody once,
   * and saves the checkpoint.
   */
  @Test
  void aTableImportKilledWhileStoringItsPlanKeepsItsChunksButNotWhereItsReadEnded()
      throws Exception {
    int people = 2 * IdentityImporter.DEFAULT_BATCH_SIZE + 500;
    try (QueueScenario scenario = new QueueScenario(LDAP_URL, people, 6, 20261208L)) {
      scenario.readHrFrom(HrStore.POSTGRES_TABLE);
      scenario.migrate();
      String[] importHr = importHr(scenario, HrStore.POSTGRES_TABLE);
      try (Connection holder = scenario.postgres(scenario.database)) {
        holder.setAutoCommit(false);
        try (Statement statement = holder.createStatement()) {
          statement.execute("lock table operations in share mode");
        }
        Process importing = scenario.start("import.log", Map.of(), importHr);
        try (Connection watcher = scenario.postgres(scenario.database)) {
          Set<String> locked = awaitWaitingOn(watcher, importing, "operations");
          assertThat(locked).as("storing the plan").contains("plans");
          importing.destroyForcibly();
          assertThat(importing.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
          QueueScenario.stop(importing);
          holder.rollback();
        }
      }
      assertThat(scenario.count("select count(*) from identities"))
          .as("every chunk kept")
          .isEqualTo(people);
      assertThat(scenario.count("select count(*) from identities_to_plan"))
          .as("everybody waits to be planned")
          .isEqualTo(people);
      assertThat(scenario.count("select count(*) from source_checkpoints"))
          .as("where the read ended is kept only with the plan")
          .isZero();

      runToEnd(scenario, "import-again.log", importHr);
      assertThat(scenario.output("import-again.log"))
          .as("the whole table read again, every row unchanged")
          .contains(people + " rows: 0 new, 0 changed, " + people + " unchanged");
      assertEverythingOnce(scenario, people);
      assertThat(scenario.count("select count(*) from source_checkpoints"))
          .as("saved with the plan")
          .isEqualTo(1);
    }
  }

  /** Runs {@code tenure ARGUMENTS} to its end, which must be a success. */
  private static void runToEnd(QueueScenario scenario, String log, String... arguments)
      throws Exception {
    Process process = scenario.start(log, Map.of(), arguments);
    try {
      assertThat(process.waitFor(PATIENCE.toMinutes(), TimeUnit.MINUTES)).isTrue();
      assertThat(process.exitValue()).as(scenario.output(log)).isZero();
    } finally {
      QueueScenario.stop(process);
    }
  }

  /** The arguments of {@code tenure import} of source hr (its file given when it is one). */
  private static String[] importHr(QueueScenario scenario, HrStore store) {
    return store == HrStore.FILE
        ? new String[] {
          "import", "--source", "hr", "--file", scenario.folder.resolve("people.csv").toString()
        }
        : new String[] {"import", "--source", "hr"};
  }

  /** Waits until the query counts at least {@code least} (committed rows). */
  private static void awaitCount(Connection watcher, Process process, String sql, long least)
      throws Exception {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (System.nanoTime() < deadline && process.isAlive()) {
      try (Statement statement = watcher.createStatement();
          ResultSet row = statement.executeQuery(sql)) {
        row.next();
        if (row.getLong(1) >= least) {
          return;
        }
      }
      Thread.sleep(5);
    }
    throw new AssertionError(
        sql + " never reached " + least + " (alive: " + process.isAlive() + ")");
  }

  /**
   * Everything done exactly once: every person once, one plan, every operation once and succeeded
   * with one successful attempt, each joiner audited once, every account once with exactly its
   * groups, nothing waiting to be planned, and the audit chain intact.
   */
  private static void assertEverythingOnce(QueueScenario scenario, int people) throws Exception {
    // chains what still waits in the audit inbox, then checks the whole chain
    AuditVerification audit = scenario.audit("home");
    assertThat(audit.problems()).isEmpty();
    assertThat(audit.intact()).isTrue();
    int expected = scenario.expectedOperations();
    assertThat(scenario.count("select count(*) from identities")).isEqualTo(people);
    assertThat(scenario.count("select count(distinct attributes->>'employeeId') from identities"))
        .isEqualTo(people);
    assertThat(scenario.count("select count(*) from plans")).isEqualTo(1);
    scenario.assertEveryOperationSucceededOnce(expected);
    assertThat(scenario.count("select count(*) from audit_events where action = 'identity.joiner'"))
        .as("each joiner audited once")
        .isEqualTo(people);
    Map<String, Integer> accounts = scenario.accountsByEmployeeNumber();
    assertThat(accounts.keySet()).isEqualTo(scenario.departments.keySet());
    assertThat(accounts.values()).as("no account created twice").allMatch(count -> count == 1);
    assertThat(scenario.groups()).isEqualTo(scenario.expectedGroups());
    assertThat(scenario.count("select count(*) from identities_to_plan"))
        .as("nothing waits to be planned")
        .isZero();
  }

  private static void assertNothingKept(QueueScenario scenario, String when) throws SQLException {
    for (String table : new String[] {"identities", "plans", "operations"}) {
      assertThat(scenario.count("select count(*) from " + table)).as("%s %s", table, when).isZero();
    }
    assertThat(scenario.audit("home").intact()).as("the audit chain %s", when).isTrue();
  }

  /**
   * Waits until a backend of the process holds write locks on all the tables in one open
   * transaction, and returns the tables it holds write locks on.
   */
  private static Set<String> awaitTransactionLocking(
      Connection watcher, Process process, Set<String> tables) throws Exception {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (System.nanoTime() < deadline && process.isAlive()) {
      for (int backend : backends(watcher)) {
        Set<String> locked = writeLocks(watcher, backend, true);
        if (locked.containsAll(tables)) {
          return locked;
        }
      }
      Thread.sleep(5);
    }
    throw new AssertionError(
        "the process never wrote " + tables + " (alive: " + process.isAlive() + ")");
  }

  /**
   * Waits until a backend of the process waits for a lock on {@code table}, and returns the tables
   * it holds write locks on.
   */
  private static Set<String> awaitWaitingOn(Connection watcher, Process process, String table)
      throws Exception {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (System.nanoTime() < deadline && process.isAlive()) {
      for (int backend : backends(watcher)) {
        if (writeLocks(watcher, backend, false).contains(table)) {
          return writeLocks(watcher, backend, true);
        }
      }
      Thread.sleep(20);
    }
    throw new AssertionError(
        "the process never waited on " + table + " (alive: " + process.isAlive() + ")");
  }

  /** The other backends connected to the scenario's database. */
  private static Set<Integer> backends(Connection watcher) throws SQLException {
    Set<Integer> backends = new TreeSet<>();
    try (PreparedStatement statement =
            watcher.prepareStatement(
                "select pid from pg_stat_activity where datname = current_database()"
                    + " and pid <> pg_backend_pid()");
        ResultSet rows = statement.executeQuery()) {
      while (rows.next()) {
        backends.add(rows.getInt(1));
      }
    }
    return backends;
  }

  /** The tables on which the backend holds (or waits for) a write lock. */
  private static Set<String> writeLocks(Connection watcher, int backend, boolean granted)
      throws SQLException {
    Set<String> tables = new TreeSet<>();
    try (PreparedStatement statement =
        watcher.prepareStatement(
            "select c.relname from pg_locks l join pg_class c on c.oid = l.relation"
                + " where l.pid = ? and l.granted = ? and l.mode = 'RowExclusiveLock'")) {
      statement.setInt(1, backend);
      statement.setBoolean(2, granted);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          tables.add(rows.getString(1));
        }
      }
    }
    return tables;
  }
}
