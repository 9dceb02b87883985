package io.tenure.engine.ingest;

import io.tenure.core.correlation.Correlation;
import io.tenure.core.correlation.CorrelationRule;
import io.tenure.core.correlation.Correlator;
import io.tenure.core.correlation.IdentityLookup;
import io.tenure.core.identity.EmploymentStatus;
import io.tenure.core.identity.Identity;
import io.tenure.core.identity.IdentityId;
import io.tenure.core.lifecycle.Lifecycle;
import io.tenure.core.lifecycle.LifecycleEvent;
import io.tenure.core.lifecycle.LifecycleEventKind;
import io.tenure.core.source.AttributeAuthority;
import io.tenure.core.source.RecordLocation;
import io.tenure.core.source.RecordProblem;
import io.tenure.core.source.SourceRecord;
import io.tenure.engine.audit.AuditEvent;
import io.tenure.engine.audit.AuditLog;
import io.tenure.engine.configuration.LifecycleSettings;
import io.tenure.engine.configuration.SourceConnection;
import io.tenure.engine.configuration.SourceDefinition;
import io.tenure.engine.identity.IdentityRepository;
import io.tenure.engine.store.IdGenerator;
import io.tenure.engine.store.Transactions;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Imports an authoritative source into the identity store.
 *
 * <p>Each valid row is correlated to the stored identities (key, then fallback keys). No match
 * creates an identity (a joiner); one match updates that identity's attributes owned by the source
 * and its employment; an ambiguous or conflicting match is reported and links nothing. The
 * identity's lifecycle state is recomputed for the clock's day and every lifecycle event found
 * (joiner, mover, leave, leaver, rehire, ...) is written to the audit log with the file and line
 * that caused it. A rejected row changes nothing: that person keeps their stored state.
 *
 * <p>The rows come from the {@link SourceReader} of the source's type ({@link SourceAccess}): a CSV
 * file, a database table, a directory. An incremental read (a JDBC source with a watermark) starts
 * where the previous complete one ended ({@link SourceCheckpoints}, saved with the import). The
 * record each source last reported a person in is remembered ({@link SourceRecordLocations}) for
 * the reasons of plans. A record that matches nobody but holds a key value of a pseudonymised
 * person ({@link ErasedPeople}, looked up once per chunk) creates nothing and is reported without
 * its values: a leaver's row as "erased person, not imported" (counted unmatched), a rehire's row
 * refused. A record that matches nobody makes an identity only when its source creates identities
 * ({@link SourceDefinition#createsIdentities()}); otherwise it is reported as unmatched. A record
 * that makes the person's sources disagree on an attribute ({@link Disagreements}) is audited as
 * {@code identity.source-disagreement}: the identity keeps the value of the source that attribute
 * authority trusts more.
 *
 * <p><b>A missing row is not a termination.</b> Identities absent from the file are left as they
 * are: a truncated or partial export must never deprovision anybody. Leavers are recognised only by
 * their status or end date.
 *
 * <p>Rows are applied in batches, each in one store transaction, so that a large file neither holds
 * one huge transaction nor pays a commit per row. A batch reads the identities its rows can match
 * in one query (on the correlation keys' values), correlates and merges in memory, and writes the
 * identities and audit events it changed in one batch each: the cost of a row does not grow with
 * the store. A store failure aborts the import; the batches already committed stay committed (the
 * import is idempotent and can be run again). Called in a transaction, the batches (and the audit
 * events) join it instead: the caller can then store the plan for what the import changed in the
 * same transaction, so that both are kept or neither is.
 */
public final class IdentityImporter {

  /** The default number of rows per transaction. */
  public static final int DEFAULT_BATCH_SIZE = 1000;

  private final IdentityRepository identities;
  private final AuditLog audit;
  private final Transactions transactions;
  private final IdGenerator ids;
  private final Clock clock;
  private final LifecycleSettings lifecycle;
  private final SourceMerge merge;
  private final int batchSize;
  private final SourceAccess access;
  private final Disagreements disagreements;
  private final ErasedPeople erased;
  private final LifecycleListener listener;

  /** An importer for one source only: its values are every identity's. */
  public IdentityImporter(
      IdentityRepository identities,
      AuditLog audit,
      Transactions transactions,
      IdGenerator ids,
      Clock clock,
      LifecycleSettings lifecycle) {
    this(
        identities,
        audit,
        transactions,
        ids,
        clock,
        lifecycle,
        AttributeAuthority.inOrder(List.of()),
        DEFAULT_BATCH_SIZE);
  }

  /**
   * @param authority which source each attribute is taken from when several know a person
   */
  public IdentityImporter(
      IdentityRepository identities,
      AuditLog audit,
      Transactions transactions,
      IdGenerator ids,
      Clock clock,
      LifecycleSettings lifecycle,
      AttributeAuthority authority) {
    this(identities, audit, transactions, ids, clock, lifecycle, authority, DEFAULT_BATCH_SIZE);
  }

  public IdentityImporter(
      IdentityRepository identities,
      AuditLog audit,
      Transactions transactions,
      IdGenerator ids,
      Clock clock,
      LifecycleSettings lifecycle,
      AttributeAuthority authority,
      int batchSize) {
    this(
        identities,
        audit,
        transactions,
        ids,
        clock,
        lifecycle,
        authority,
        batchSize,
        SourceAccess.filesOnly());
  }

  /**
   * @param authority which source each attribute is taken from when several know a person
   * @param access the readers of the source types, and what is remembered between imports
   */
  public IdentityImporter(
      IdentityRepository identities,
      AuditLog audit,
      Transactions transactions,
      IdGenerator ids,
      Clock clock,
      LifecycleSettings lifecycle,
      AttributeAuthority authority,
      int batchSize,
      SourceAccess access) {
    this(
        identities,
        audit,
        transactions,
        ids,
        clock,
        lifecycle,
        authority,
        batchSize,
        access,
        ErasedPeople.none(),
        LifecycleListener.NONE);
  }

  /**
   * @param authority which source each attribute is taken from when several know a person
   * @param access the readers of the source types, and what is remembered between imports
   * @param erased the tombstones of pseudonymised people, looked up once per chunk for the records
   *     that match no identity
   * @param listener told of every lifecycle event in the transaction that records it (the lifecycle
   *     webhooks' outbox)
   */
  public IdentityImporter(
      IdentityRepository identities,
      AuditLog audit,
      Transactions transactions,
      IdGenerator ids,
      Clock clock,
      LifecycleSettings lifecycle,
      AttributeAuthority authority,
      int batchSize,
      SourceAccess access,
      ErasedPeople erased,
      LifecycleListener listener) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be at least 1");
    }
    this.identities = identities;
    this.audit = audit;
    this.transactions = transactions;
    this.ids = ids;
    this.clock = clock;
    this.lifecycle = lifecycle;
    this.merge = new SourceMerge(authority);
    this.batchSize = batchSize;
    this.access = access;
    this.disagreements = new Disagreements(authority);
    this.erased = erased;
    this.listener = listener;
  }

  /**
   * Imports the source: its configured file, table or directory (read from its checkpoint when it
   * reads incrementally).
   */
  public ImportSummary importSource(SourceDefinition source) {
    Run run = new Run(source, source.origin());
    Optional<String> since = access.checkpoints().last(source.name());
    try (SourceRead read = access.readers().readerOf(source).open(source, since)) {
      Stream<SourceRow> rows = read.rows();
      List<SourceRow> batch = new ArrayList<>(batchSize);
      rows.forEach(
          row -> {
            batch.add(row);
            if (batch.size() == batchSize) {
              run.apply(batch);
              batch.clear();
            }
          });
      if (!batch.isEmpty()) {
        run.apply(batch);
      }
      read.checkpoint()
          .ifPresent(
              checkpoint ->
                  transactions.run(() -> access.checkpoints().save(source.name(), checkpoint)));
    } catch (SourceFileException e) {
      run.fileRejected = true;
      run.problems.add(e.problem());
    }
    ImportSummary summary = run.summary();
    transactions.run(() -> audit.append(completed(source, summary)));
    return summary;
  }

  private AuditEvent completed(SourceDefinition source, ImportSummary summary) {
    Map<String, String> details = new TreeMap<>();
    details.put("rowsRead", Long.toString(summary.rowsRead()));
    details.put("created", Long.toString(summary.created()));
    details.put("updated", Long.toString(summary.updated()));
    details.put("unchanged", Long.toString(summary.unchanged()));
    details.put("rejected", Long.toString(summary.rejected()));
    details.put("ambiguous", Long.toString(summary.ambiguous()));
    details.put("unmatched", Long.toString(summary.unmatched()));
    details.put("disagreements", Long.toString(summary.disagreements()));
    String origin =
        source.sourceConnection().map(SourceConnection::describe).orElse("file " + summary.file());
    return new AuditEvent(
        clock.instant(),
        actor(source),
        "import.completed",
        "source " + source.name(),
        summary.fileRejected()
            ? origin + " refused: " + summary.problems().get(0).render()
            : origin,
        summary.fileRejected() ? "rejected" : "success",
        details);
  }

  private static String actor(SourceDefinition source) {
    return "hr-import:" + source.name();
  }

  /** The state of one import; counts are taken only from committed batches. */
  private final class Run {

    private final SourceDefinition source;
    private final String fileName;
    private final Correlator correlator;
    private final List<RecordProblem> problems = new ArrayList<>();
    private final Set<IdentityId> changed = new HashSet<>();
    private boolean fileRejected;
    private long rowsRead;
    private long created;
    private long updated;
    private long unchanged;
    private long rejected;
    private long ambiguous;
    private long unmatched;
    private long disagreed;

    Run(SourceDefinition source, String fileName) {
      this.source = source;
      this.fileName = fileName;
      this.correlator = new Correlator(new CorrelationRule(source.key(), source.fallbackKeys()));
    }

    void apply(List<SourceRow> batch) {
      Tally tally = transactions.inTransaction(() -> applyBatch(batch));
      rowsRead += batch.size();
      created += tally.created;
      updated += tally.updated;
      unchanged += tally.unchanged;
      rejected += tally.rejected;
      ambiguous += tally.ambiguous;
      unmatched += tally.unmatched;
      disagreed += tally.disagreements;
      problems.addAll(tally.problems);
      changed.addAll(tally.changed);
    }

    /**
     * Applies one chunk of rows in the current transaction: the identities the chunk's keys can
     * match are read at once ({@link ChunkIdentities}), the rows correlated and merged in memory in
     * file order, then the created and changed identities saved and their audit events appended,
     * each in one batch.
     */
    private Tally applyBatch(List<SourceRow> batch) {
      Tally tally = new Tally();
      LocalDate today = LocalDate.now(clock);
      ChunkIdentities chunk =
          ChunkIdentities.read(
              identities,
              correlator.rule().keysInOrder(),
              batch.stream()
                  .map(SourceRow::record)
                  .filter(record -> record != null)
                  .map(SourceRecord::attributes)
                  .toList());
      IdentityLookup lookup = chunk.lookup();
      Map<String, Map<String, Instant>> tombstones = erased.find(keyValues(batch));
      List<AuditEvent> events = new ArrayList<>();
      List<LifecycleListener.Recorded> recorded = new ArrayList<>();
      for (SourceRow row : batch) {
        SourceRecord record = row.record();
        if (record == null) {
          tally.rejected++;
          tally.problems.addAll(row.problems());
          continue;
        }
        Correlation correlation = correlator.correlate(record.attributes(), lookup);
        Optional<Instant> erasedAt =
            correlation instanceof Correlation.NoMatch
                ? erasedAt(record, tombstones)
                : Optional.empty();
        if (erasedAt.isPresent()) {
          erasedPerson(record, erasedAt.get(), tally);
        } else if (correlation instanceof Correlation.NoMatch && !source.createsIdentities()) {
          tally.unmatched++;
          tally.problems.add(
              new RecordProblem(
                  record.location(),
                  null,
                  "no identity matches; source "
                      + source.name()
                      + " makes none (unmatched: report), nothing was changed"));
        } else if (correlation instanceof Correlation.NoMatch) {
          Identity joiner = merged(record, Optional.empty(), ids.newIdentityId(), today);
          chunk.put(joiner);
          audit(
              record,
              correlation,
              Optional.empty(),
              joiner,
              Lifecycle.events(Optional.empty(), joiner, moverAttributes()),
              events,
              recorded);
          tally.created++;
          tally.changed.add(joiner.id());
          tally.locations.put(joiner.id(), record.location());
          disagreements(record, Optional.empty(), joiner, tally, events);
        } else if (correlation instanceof Correlation.Matched matched) {
          Identity before =
              chunk
                  .find(matched.id())
                  .orElseThrow(
                      () ->
                          new IllegalStateException(
                              "correlation found identity " + matched.id() + " but it is gone"));
          Identity after = merged(record, Optional.of(before), before.id(), today);
          tally.locations.put(after.id(), record.location());
          if (after.equals(before)) {
            tally.unchanged++;
          } else {
            chunk.put(after);
            audit(
                record,
                correlation,
                Optional.of(before),
                after,
                Lifecycle.events(Optional.of(before), after, moverAttributes()),
                events,
                recorded);
            tally.updated++;
            tally.changed.add(after.id());
            disagreements(record, Optional.of(before), after, tally, events);
          }
        } else {
          tally.ambiguous++;
          RecordProblem problem =
              new RecordProblem(
                  record.location(), null, correlation.describe() + "; nothing was linked");
          tally.problems.add(problem);
          events.add(
              new AuditEvent(
                  clock.instant(),
                  actor(source),
                  "identity.correlation-refused",
                  "source " + source.name() + " " + source.key() + " " + row.key(),
                  problem.render(),
                  "rejected",
                  Map.of("source", source.name())));
        }
      }
      identities.saveAll(chunk.changed());
      audit.appendAll(events);
      if (!recorded.isEmpty()) {
        listener.recorded(recorded);
      }
      access.locations().remember(source.name(), tally.locations);
      return tally;
    }

    /** The chunk's values of the correlation keys, by key. */
    private Map<String, Set<String>> keyValues(List<SourceRow> batch) {
      Map<String, Set<String>> values = new TreeMap<>();
      for (SourceRow row : batch) {
        if (row.record() == null) {
          continue;
        }
        for (String key : correlator.rule().keysInOrder()) {
          String value = row.record().attributes().get(key);
          if (value != null && !value.isBlank()) {
            values.computeIfAbsent(key, ignored -> new TreeSet<>()).add(value.strip());
          }
        }
      }
      return values;
    }

    /** When the person holding one of the record's key values was pseudonymised, if they were. */
    private Optional<Instant> erasedAt(
        SourceRecord record, Map<String, Map<String, Instant>> tombstones) {
      for (String key : correlator.rule().keysInOrder()) {
        String value = record.attributes().get(key);
        if (value != null && !value.isBlank()) {
          Instant at = tombstones.getOrDefault(key, Map.of()).get(value.strip());
          if (at != null) {
            return Optional.of(at);
          }
        }
      }
      return Optional.empty();
    }

    /**
     * A record of a pseudonymised person: nothing is created and none of its values is written
     * anywhere. A leaver's row (or one without employment) is skipped and counted as unmatched; a
     * row that makes them active again (a rehire) is refused, since nothing links the new row back
     * to the erased identity safely.
     */
    private void erasedPerson(SourceRecord record, Instant at, Tally tally) {
      LocalDate day = LocalDate.ofInstant(at, clock.getZone());
      boolean leaver =
          record
              .reportedEmployment()
              .map(employment -> employment.status() == EmploymentStatus.TERMINATED)
              .orElse(true);
      if (leaver) {
        tally.unmatched++;
        tally.problems.add(
            new RecordProblem(
                record.location(),
                null,
                "erased person (pseudonymised on " + day + "), not imported"));
      } else {
        tally.rejected++;
        tally.problems.add(
            new RecordProblem(
                record.location(),
                null,
                "erased person (pseudonymised on "
                    + day
                    + ") is not a leaver in source "
                    + source.name()
                    + " any more; Tenure cannot link them back to the erased identity: give the"
                    + " rehire a new "
                    + source.key()
                    + " in the source (the erased one stays blocked), then import again"));
      }
    }

    /** Audits the disagreements between sources that the record newly caused. */
    private void disagreements(
        SourceRecord record,
        Optional<Identity> before,
        Identity after,
        Tally tally,
        List<AuditEvent> events) {
      for (Disagreement disagreement : disagreements.introduced(before, after, source.name())) {
        tally.disagreements++;
        events.add(
            new AuditEvent(
                clock.instant(),
                actor(source),
                "identity.source-disagreement",
                "identity " + after.id(),
                record.location() + ": " + disagreement.describe(),
                "success",
                Map.of(
                    "source",
                    source.name(),
                    "attribute",
                    disagreement.attribute(),
                    "decidedBy",
                    disagreement.decidedBy())));
      }
    }

    private Set<String> moverAttributes() {
      return lifecycle.moverAttributes();
    }

    /**
     * The identity as the record says it is ({@link SourceMerge}): the values of the attributes
     * this source maps replace what it gave before (absent ones removed), the identity's attributes
     * are merged by authority, employment replaced when this source decides the lifecycle, state
     * recomputed for today.
     */
    private Identity merged(
        SourceRecord record, Optional<Identity> before, IdentityId id, LocalDate today) {
      return merge.apply(
          before,
          id,
          source.name(),
          source.attributes().keySet(),
          record.attributes(),
          record.reportedEmployment(),
          today);
    }

    private void audit(
        SourceRecord record,
        Correlation correlation,
        Optional<Identity> before,
        Identity after,
        List<LifecycleEvent> lifecycleEvents,
        List<AuditEvent> events,
        List<LifecycleListener.Recorded> recorded) {
      for (LifecycleEvent event : lifecycleEvents) {
        recorded.add(
            new LifecycleListener.Recorded(event, before.orElse(null), after, clock.instant()));
        events.add(
            new AuditEvent(
                clock.instant(),
                actor(source),
                action(event.kind()),
                "identity " + event.identity(),
                record.location() + ": " + event.description(),
                "success",
                Map.of(
                    "source",
                    source.name(),
                    "key",
                    record.attributes().getOrDefault(source.key(), ""),
                    "correlation",
                    correlation.describe())));
      }
    }

    ImportSummary summary() {
      return new ImportSummary(
          source.name(),
          fileName,
          fileRejected,
          rowsRead,
          created,
          updated,
          unchanged,
          rejected,
          ambiguous,
          unmatched,
          disagreed,
          problems,
          changed);
    }
  }

  /** The audit action of a lifecycle event, for example {@code identity.leaver}. */
  static String action(LifecycleEventKind kind) {
    return switch (kind) {
      case JOINER -> "identity.joiner";
      case REHIRE -> "identity.rehire";
      case LEAVER -> "identity.leaver";
      case LEAVE_STARTED -> "identity.leave-started";
      case RETURNED_FROM_LEAVE -> "identity.returned-from-leave";
      case STARTED -> "identity.started";
      case MOVER -> "identity.mover";
      case UPDATED -> "identity.updated";
    };
  }

  /** Counts of one batch, merged into the run after its transaction committed. */
  private static final class Tally {
    private long created;
    private long updated;
    private long unchanged;
    private long rejected;
    private long ambiguous;
    private long unmatched;
    private long disagreements;
    private final List<RecordProblem> problems = new ArrayList<>();
    private final Set<IdentityId> changed = new HashSet<>();
    private final Map<IdentityId, RecordLocation> locations = new HashMap<>();
  }
}
