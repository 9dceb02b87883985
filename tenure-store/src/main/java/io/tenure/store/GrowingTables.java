package io.tenure.store;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Keeps PostgreSQL's planner statistics of a table true while one transaction writes many rows into
 * it.
 *
 * <p>The planner estimates a table's rows from the statistics of its last {@code ANALYZE} or {@code
 * VACUUM}, scaled by its current size in pages. Those are wrong in a way that makes an import
 * quadratic when the last vacuum found the table full of dead rows, as after a dry run ({@code
 * tenure plan}) whose rolled-back import wrote the same people: the statistics then say "no rows in
 * these pages", the planner estimates one row whatever the table holds, and reads the whole table
 * (through its primary key) for every chunk looked up. Autovacuum cannot help: it does not see the
 * rows of a transaction that has not committed. {@code ANALYZE} run inside the writing transaction
 * does count its own rows, so {@link #wrote} runs it when the rows this transaction wrote into a
 * table reach 1,000, then 8,000, 64,000 and so on (a handful of times in the largest import, each a
 * sample of at most 30,000 rows). It takes the table's {@code SHARE UPDATE EXCLUSIVE} lock until
 * the transaction ends, which only vacuum, analyze and index builds wait on. Outside a transaction
 * it does nothing.
 *
 * <p>A table whose statistics already count many more rows than the transaction wrote (a re-import
 * that changed 1% of 100,000 people) keeps them: the rows written then move its estimates little,
 * and an {@code ANALYZE} (a sample of up to 30,000 rows) would cost more than the chunk's
 * statements. So at each of those counts the statistics' row count ({@code pg_class.reltuples}, one
 * cheap query) is read first, and the table is analysed only when the rows written reach a tenth of
 * it ({@link #SHARE}); an unanalysed table ({@code -1}) or one whose statistics say (nearly) empty
 * is analysed as before.
 */
final class GrowingTables {

  private static final Set<String> TABLES = Set.of("identities", "identity_usernames");
  private static final long FIRST = 1_000;
  private static final long FACTOR = 8;

  /** The rows written must reach 1/SHARE of the rows the statistics count for an analysis. */
  static final long SHARE = 10;

  private GrowingTables() {}

  /** Notes that the current transaction wrote {@code rows} rows into {@code table}. */
  static void wrote(JdbcClient client, String table, long rows) {
    if (!TABLES.contains(table)
        || rows <= 0
        || !TransactionSynchronizationManager.isActualTransactionActive()
        || !TransactionSynchronizationManager.isSynchronizationActive()) {
      return;
    }
    Written written = written();
    long before = written.rows.getOrDefault(table, 0L);
    long after = before + rows;
    written.rows.put(table, after);
    long next = written.nextAnalysis.getOrDefault(table, FIRST);
    if (after >= next) {
      if (after * SHARE >= counted(client, table)) {
        client.sql("analyze " + table).update();
      }
      long following = next;
      while (following <= after) {
        following *= FACTOR;
      }
      written.nextAnalysis.put(table, following);
    }
  }

  /** The rows the table's statistics count; -1 when it was never analysed. */
  private static double counted(JdbcClient client, String table) {
    return client
        .sql("select reltuples from pg_class where oid = ?::regclass")
        .param(table)
        .query(Double.class)
        .single();
  }

  private static Written written() {
    Object bound = TransactionSynchronizationManager.getResource(Written.class);
    if (bound instanceof Written written) {
      return written;
    }
    Written written = new Written();
    TransactionSynchronizationManager.bindResource(Written.class, written);
    TransactionSynchronizationManager.registerSynchronization(
        new TransactionSynchronization() {
          @Override
          public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(Written.class);
          }
        });
    return written;
  }

  /** Rows written per table in one transaction, and the count at which each is analysed next. */
  private static final class Written {
    private final Map<String, Long> rows = new HashMap<>();
    private final Map<String, Long> nextAnalysis = new HashMap<>();
  }
}
