package io.tenure.store;

import io.tenure.core.account.TargetId;
import io.tenure.core.plan.AddEntitlement;
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
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A {@link PlanWriter} on PostgreSQL. The first chunk is held; a plan of one chunk (a request, an
 * event, a plan given in memory) is copied straight into {@code operations} at {@link #finish}
 * ({@code COPY ... FROM STDIN}, {@link CopyRows}). A plan of more chunks is copied chunk by chunk
 * into a temporary table of the transaction (no index, not logged), and {@link #finish} moves it
 * into {@code operations} with one {@code insert ... select ... order by}: the sequences numbered
 * in plan order (by the kind, the target and the username, as {@link Planner#ORDER} compares them,
 * then the position), the ids (which order an account's operations in the queue) given in {@link
 * QueueOrder}: the plan order, but an account's grants the entitlement granted most often in the
 * plan first. Strings are compared as Java does (UTF-16 code units) through a sort key in the
 * {@code "C"} collation (see {@link #sortKey}).
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
   * @param sort true to store the operations in plan order ({@link Planner#ORDER}) and queue them
   *     in {@link QueueOrder}, false to store and queue them in the order appended ({@link
   *     JdbcPlanRepository#create} of a plan given in order)
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
                  + " owner text, payload jsonb not null, entitlement text) on commit drop")
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
            + " payload, entitlement) from stdin",
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
                .field(operation instanceof AddEntitlement add ? add.entitlement() : null)
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
      // the sequence in plan order, the ids (the order of the insert) in queue order: the grants
      // of an account by how many grants of their entitlement the plan holds, most first (counted
      // by a hash aggregate joined back: a window partitioned by entitlement sorted every row once
      // more); the payloads were parsed as they were staged, while the plan was being made
      int stored =
          client
              .sql(
                  "insert into operations (plan_id, sequence, kind, target, username, owner,"
                      + " payload, state, updated_at)"
                      + " select ?, sequence, kind, target, username, owner, payload, ?, ?"
                      + " from (select s.*, (row_number() over (order by "
                      + order()
                      + ") - 1)::integer as sequence, coalesce(g.grants, 0) as grants from "
                      + STAGING
                      + " s left join (select target, entitlement, count(*) as grants from "
                      + STAGING
                      + " where entitlement is not null group by target, entitlement) g"
                      + " on g.target = s.target and g.entitlement = s.entitlement)"
                      + " staged order by "
                      + (sort
                          ? "kind_order, target_key, username_key, grants desc, position"
                          : order()))
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
      copy(id, operations, sort ? QueueOrder.of(operations) : null, now);
    }
    return operations.size();
  }

  private String order() {
    return sort ? "kind_order, target_key, username_key, position" : "position";
  }

  /**
   * Copies the operations into {@code operations} in one statement, in queue order ({@code
   * queueOrder}: the positions in {@code operations} in that order; null for the order given): the
   * ids, drawn as the rows arrive, follow it; each operation's sequence is its position.
   */
  private void copy(
      PlanId id, List<Operation> operations, @Nullable List<Integer> queueOrder, Instant now) {
    String plan = id.value();
    String state = OperationState.PENDING.name();
    String updatedAt = now.toString();
    CopyRows.copy(
        jdbc,
        "copy operations (plan_id, sequence, kind, target, username, owner, payload, state,"
            + " updated_at) from stdin",
        rows -> {
          for (int queued = 0; queued < operations.size(); queued++) {
            int sequence = queueOrder == null ? queued : queueOrder.get(queued);
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
