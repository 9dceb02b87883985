package io.tenure.store;

import io.tenure.core.account.TargetId;
import io.tenure.core.plan.Operation;
import io.tenure.core.plan.Planner;
import io.tenure.engine.execution.OperationCodec;
import io.tenure.engine.execution.OperationState;
import io.tenure.engine.execution.PlanId;
import io.tenure.engine.execution.PlanWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A {@link PlanWriter} on PostgreSQL. The first chunk is held; a plan of one chunk (a request, an
 * event, a plan given in memory) is copied straight into {@code operations} at {@link #finish}
 * ({@code COPY ... FROM STDIN}, {@link CopyRows}), in the order given. A plan of more chunks is
 * copied chunk by chunk into a temporary table of the transaction (no index, not logged), and
 * {@link #finish} moves it into {@code operations} with one {@code insert ... select ... order by}:
 * sorted by the kind, the target and the username (as {@link Planner#ORDER} compares them) and then
 * the position, so that the sequences and the ids (which order an account's operations in the
 * queue) follow the plan order. Strings are compared as Java does (UTF-16 code units) through a
 * sort key in the {@code "C"} collation (see {@link #sortKey}).
 */
final class JdbcPlanWriter implements PlanWriter {

  private static final String STAGING = "plan_stream";

  /**
   * PostgreSQL's {@code work_mem} while {@link #finish} sorts the staged operations: enough for the
   * 300,000 operations of 100,000 people in memory; a larger plan spills to temporary files, as
   * every plan did with the default 4 MB.
   */
  static final String SORT_MEMORY = "256MB";

  private final JdbcClient client;
  private final JdbcOperations jdbc;
  private final OperationCodec codec;
  private final Clock clock;
  private final boolean sort;

  /** The operations not staged yet, by position. */
  private final TreeMap<Long, Operation> held = new TreeMap<>();

  private boolean staging;
  private long next;
  private long stagedCount;

  /**
   * @param sort true to store the operations in plan order ({@link Planner#ORDER}), false to store
   *     them in the order appended ({@link JdbcPlanRepository#create} of a plan given in order)
   */
  JdbcPlanWriter(
      JdbcClient client, JdbcOperations jdbc, OperationCodec codec, Clock clock, boolean sort) {
    this.client = client;
    this.jdbc = jdbc;
    this.codec = codec;
    this.clock = clock;
    this.sort = sort;
  }

  @Override
  public void append(List<Operation> chunk) {
    if (chunk.isEmpty()) {
      return;
    }
    if (!staging && held.isEmpty()) {
      chunk.forEach(operation -> held.put(next++, operation));
      return;
    }
    if (!staging) {
      client
          .sql(
              "create temporary table "
                  + STAGING
                  + " (position bigint not null, kind_order smallint not null,"
                  + " target_key text collate \"C\" not null, username_key text collate \"C\" not"
                  + " null, kind text not null, target text not null, username text not null,"
                  + " owner text, payload text not null) on commit drop")
          .update();
      staging = true;
      stage(new ArrayList<>(held.keySet()), new ArrayList<>(held.values()));
      held.clear();
    }
    List<Long> positions = new ArrayList<>(chunk.size());
    for (int at = 0; at < chunk.size(); at++) {
      positions.add(next++);
    }
    stage(positions, chunk);
  }

  /** Copies the operations into the staging table, each with its position and sort keys. */
  private void stage(List<Long> positions, List<Operation> operations) {
    CopyRows.copy(
        jdbc,
        "copy "
            + STAGING
            + " (position, kind_order, target_key, username_key, kind, target, username, owner,"
            + " payload) from stdin",
        rows -> {
          for (int at = 0; at < operations.size(); at++) {
            Operation operation = operations.get(at);
            String target = operation.target().value();
            rows.field(positions.get(at))
                .field(operation.kind().ordinal())
                .field(sortKey(target))
                .field(sortKey(operation.username()))
                .field(operation.kind().name())
                .field(target)
                .field(operation.username())
                .field(operation.ownerId().map(owner -> owner.value()).orElse(null))
                .field(codec.write(operation))
                .endRow();
          }
        });
    stagedCount += operations.size();
  }

  @Override
  public Map<Long, Operation> staged(TargetId target, Collection<String> usernames) {
    Map<Long, Operation> found = new TreeMap<>();
    if (usernames.isEmpty()) {
      return found;
    }
    if (!staging) {
      Set<String> names = new HashSet<>(usernames);
      held.forEach(
          (position, operation) -> {
            if (operation.target().equals(target) && names.contains(operation.username())) {
              found.put(position, operation);
            }
          });
      return found;
    }
    client
        .sql(
            "select position, payload from "
                + STAGING
                + " where target = ? and username = any(?::text[])")
        .param(target.value())
        .param(usernames.toArray(String[]::new))
        .query((row, number) -> found.put(row.getLong(1), codec.read(row.getString(2))))
        .list();
    return found;
  }

  @Override
  public void remove(Collection<Long> positions) {
    if (positions.isEmpty()) {
      return;
    }
    if (!staging) {
      positions.forEach(held::remove);
      return;
    }
    stagedCount -=
        client
            .sql("delete from " + STAGING + " where position = any(?::bigint[])")
            .param(positions.toArray(Long[]::new))
            .update();
  }

  @Override
  public long size() {
    return staging ? stagedCount : held.size();
  }

  @Override
  public int finish(PlanId id, String actor, String trigger, Instant createdAt) {
    client
        .sql("insert into plans (id, created_at, actor, trigger) values (?, ?, ?, ?)")
        .param(id.value())
        .param(Timestamps.bind(Timestamps.truncate(createdAt)))
        .param(actor)
        .param(trigger)
        .update();
    Instant now = Timestamps.truncate(clock.instant());
    if (staging) {
      // the sort by plan order runs in memory rather than in temporary files (an external merge
      // of ~100 MB at 300,000 operations), for this statement alone
      String workMemory =
          client.sql("select current_setting('work_mem')").query(String.class).single();
      client.sql("select set_config('work_mem', ?, true)").param(SORT_MEMORY).query().singleRow();
      int stored =
          client
              .sql(
                  "insert into operations (plan_id, sequence, kind, target, username, owner,"
                      + " payload, state, updated_at)"
                      + " select ?, (row_number() over (order by "
                      + order()
                      + ") - 1)::integer, kind, target, username, owner, payload::jsonb, ?, ?"
                      + " from "
                      + STAGING
                      + " order by "
                      + order())
              .param(id.value())
              .param(OperationState.PENDING.name())
              .param(Timestamps.bind(now))
              .update();
      client.sql("select set_config('work_mem', ?, true)").param(workMemory).query().singleRow();
      client.sql("drop table " + STAGING).update();
      staging = false;
      return stored;
    }
    // one chunk, held: stored in the order given (sorted by the plan order, as a chunk is, or the
    // order of a plan given whole)
    List<Operation> operations = new ArrayList<>(held.values());
    held.clear();
    if (!operations.isEmpty()) {
      copy(id, operations, now);
    }
    return operations.size();
  }

  private String order() {
    return sort ? "kind_order, target_key, username_key, position" : "position";
  }

  /**
   * Copies the operations into {@code operations} in the order given (their sequence), in one
   * statement: the ids, drawn as the rows arrive, follow the sequence.
   */
  private void copy(PlanId id, List<Operation> operations, Instant now) {
    String plan = id.value();
    String state = OperationState.PENDING.name();
    String updatedAt = now.toString();
    CopyRows.copy(
        jdbc,
        "copy operations (plan_id, sequence, kind, target, username, owner, payload, state,"
            + " updated_at) from stdin",
        rows -> {
          for (int sequence = 0; sequence < operations.size(); sequence++) {
            Operation operation = operations.get(sequence);
            rows.field(plan)
                .field(sequence)
                .field(operation.kind().name())
                .field(operation.target().value())
                .field(operation.username())
                .field(operation.ownerId().map(owner -> owner.value()).orElse(null))
                .field(codec.write(operation))
                .field(state)
                .field(updatedAt)
                .endRow();
          }
        });
  }

  /**
   * A string's sort key in the {@code "C"} collation (code point order): Java orders strings by
   * UTF-16 code units, which differs from code point order only for the units from U+D800 up
   * (surrogates sort below U+E000..U+FFFF as units, above them as code points); each of those units
   * becomes one code point from U+10000 up, in the same order, and every other character stays.
   */
  static String sortKey(String value) {
    for (int at = 0; at < value.length(); at++) {
      if (value.charAt(at) >= '\uD800') {
        StringBuilder key = new StringBuilder(value.length() * 2);
        for (int each = 0; each < value.length(); each++) {
          char unit = value.charAt(each);
          if (unit >= '\uD800') {
            key.appendCodePoint(0x10000 + (unit - 0xD800));
          } else {
            key.append(unit);
          }
        }
        return key.toString();
      }
    }
    return value;
  }
}
