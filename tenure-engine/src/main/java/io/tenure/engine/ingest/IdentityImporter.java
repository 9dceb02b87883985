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
import io.tenure.engine.identity.SourceDigests;
import io.tenure.engine.identity.StoredReport;
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
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

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
 * the store. A row whose digest ({@link RecordDigest}) is the one stored with the identity the last
 * time this source's record was merged into it, and whose identity's state still holds for the day,
 * is left alone without reading that identity whole: a re-import of a file that changed little
 * reads and merges only the changed rows' people. Imported in batches that commit on their own
 * ({@link #importInCommittedChunks}), the next batch is read and looked up while one is applied. A
 * store failure aborts the import; the batches already committed stay committed (the import is
 * idempotent and can be run again). Called in a transaction, the batches (and the audit events)
 * join it instead: the caller can then store the plan for what the import changed in the same
 * transaction, so that both are kept or neither is.
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
  private final AttributeAuthority authority;
  private final SourceMerge merge;
  private final int batchSize;
  private final SourceAccess access;
  private final Disagreements disagreements;
  private final ErasedPeople erased;
  private final LifecycleListener listener;

  /**
   * An importer of files, in chunks of {@link #DEFAULT_BATCH_SIZE} rows, that knows no
   * pseudonymised person and tells nobody of lifecycle events; the {@code with} methods give one
   * that differs in one of these.
   *
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
    this(
        identities,
        audit,
        transactions,
        ids,
        clock,
        lifecycle,
        authority,
        DEFAULT_BATCH_SIZE,
        SourceAccess.filesOnly(),
        ErasedPeople.none(),
        LifecycleListener.NONE);
  }

  private IdentityImporter(
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
    this.authority = authority;
    this.merge = new SourceMerge(authority);
    this.batchSize = batchSize;
    this.access = access;
    this.disagreements = new Disagreements(authority);
    this.erased = erased;
    this.listener = listener;
  }

  /** A copy of {@code from} with these settings. */
  private IdentityImporter(
      IdentityImporter from,
      int batchSize,
      SourceAccess access,
      ErasedPeople erased,
      LifecycleListener listener) {
    this(
        from.identities,
        from.audit,
        from.transactions,
        from.ids,
        from.clock,
        from.lifecycle,
        from.authority,
        batchSize,
        access,
        erased,
        listener);
  }

  /** This importer with {@code batchSize} rows per chunk (and per transaction). */
  public IdentityImporter withBatchSize(int batchSize) {
    return new IdentityImporter(this, batchSize, access, erased, listener);
  }

  /**
   * This importer reading through {@code access}: the readers of the source types, and what is
   * remembered between imports.
   */
  public IdentityImporter withSources(SourceAccess access) {
    return new IdentityImporter(this, batchSize, access, erased, listener);
  }

  /**
   * This importer knowing the tombstones of pseudonymised people, looked up at most once per chunk
   * (when one of its records first matches no identity) for the records that match no identity.
   */
  public IdentityImporter withErasedPeople(ErasedPeople erased) {
    return new IdentityImporter(this, batchSize, access, erased, listener);
  }

  /**
   * This importer telling {@code listener} of every lifecycle event in the transaction that records
   * it (the lifecycle webhooks' outbox).
   */
  public IdentityImporter withListener(LifecycleListener listener) {
    return new IdentityImporter(this, batchSize, access, erased, listener);
  }

  public int batchSize() {
    return batchSize;
  }

  /**
   * Imports the source: its configured file, table or directory (read from its checkpoint when it
   * reads incrementally).
   */
  public ImportSummary importSource(SourceDefinition source) {
    return importSource(source, changed -> {});
  }

  /**
   * Imports the source like {@link #importSource(SourceDefinition)}, and tells {@code eachChunk},
   * inside each chunk's transaction after the chunk's writes, which identities the chunk created or
   * changed: what the caller records there commits with the chunk, or not at all.
   */
  public ImportSummary importSource(SourceDefinition source, Consumer<Set<IdentityId>> eachChunk) {
    return importSource(
        source,
        eachChunk,
        checkpoint -> transactions.run(() -> access.checkpoints().save(source.name(), checkpoint)));
  }

  /**
   * Imports the source like {@link #importSource(SourceDefinition, Consumer)}, but hands the read's
   * checkpoint (when the read ended with one) to {@code checkpoint} instead of saving it: a caller
   * whose chunks commit on their own saves it ({@link #saveCheckpoint}) in the transaction that
   * keeps what the import was for (its plan), so that an import stopped or refused after its chunks
   * reads the same records again next time.
   */
  public ImportSummary importSource(
      SourceDefinition source, Consumer<Set<IdentityId>> eachChunk, Consumer<String> checkpoint) {
    Run run = new Run(source, source.origin(), eachChunk);
    try (SourceRead read = open(source)) {
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
      read.checkpoint().ifPresent(checkpoint);
    } catch (SourceFileException e) {
      run.refuse(e.problem());
    }
    return finish(run);
  }

  /**
   * Imports the source like {@link #importSource(SourceDefinition, Consumer, Consumer)}, called
   * outside any transaction: each chunk commits in a transaction of its own, and while one is
   * applied the next is read, digested and looked up in the store ({@link
   * IdentityRepository#findReports}) on another thread ({@link ReadAhead}). A chunk whose lookup
   * the chunk before it may have made stale, because it wrote one of the identities found or saved
   * one holding a value looked for ({@link ChunkWrites}), is looked up again in its transaction:
   * the result is the one of importing the chunks one after the other. The store's lookups must be
   * safe on another thread while this one writes.
   */
  public ImportSummary importInCommittedChunks(
      SourceDefinition source, Consumer<Set<IdentityId>> eachChunk, Consumer<String> checkpoint) {
    Run run = new Run(source, source.origin(), eachChunk);
    try (SourceRead read = open(source);
        ReadAhead<Chunk> chunks = new ReadAhead<>(read.rows(), batchSize, run::prepare)) {
      ChunkWrites before = ChunkWrites.NONE;
      for (Chunk chunk = chunks.next(); chunk != null; chunk = chunks.next()) {
        before = run.apply(chunk, before);
      }
      read.checkpoint().ifPresent(checkpoint);
    } catch (SourceFileException e) {
      run.refuse(e.problem());
    }
    return finish(run);
  }

  /**
   * The import of a source that a read just now found unreadable as a whole ({@code refusal}, from
   * a {@link #census}): recorded and audited as {@link #importSource(SourceDefinition)} records a
   * source it cannot read, without reading it again (a directory or database that is down would
   * make the caller wait for its timeout twice).
   */
  public ImportSummary refused(SourceDefinition source, RecordProblem refusal) {
    Run run = new Run(source, source.origin(), changed -> {});
    run.refuse(refusal);
    return finish(run);
  }

  /** The run's summary, once {@code import.completed} is audited for it. */
  private ImportSummary finish(Run run) {
    ImportSummary summary = run.summary();
    transactions.run(() -> audit.append(completed(run.source, summary)));
    return summary;
  }

  /**
   * Remembers where the source's last complete read ended, in the caller's transaction: the
   * checkpoint an {@link #importSource(SourceDefinition, Consumer, Consumer)} handed over.
   */
  public void saveCheckpoint(SourceDefinition source, String checkpoint) {
    transactions.run(() -> access.checkpoints().save(source.name(), checkpoint));
  }

  /**
   * Reads the source's rows without importing anything: counts them and the rejected ones, until
   * {@code enough} holds for the counts so far (checked after each row) or the rows end. Writes
   * nothing.
   *
   * @return the counts; {@link SourceCensus#complete()} tells whether every row was read
   */
  public SourceCensus census(SourceDefinition source, Predicate<SourceCensus> enough) {
    try (SourceRead read = open(source)) {
      return SourceCensus.count(read.rows(), enough);
    } catch (SourceFileException e) {
      return new SourceCensus(0, 0, false, e.problem());
    }
  }

  /** Opens the source's rows, from its checkpoint when it reads incrementally. */
  private SourceRead open(SourceDefinition source) {
    return access.readers().readerOf(source).open(source, access.checkpoints().last(source.name()));
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
    private final ChunkLookup lookup;
    private final Consumer<Set<IdentityId>> eachChunk;
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

    Run(SourceDefinition source, String fileName, Consumer<Set<IdentityId>> eachChunk) {
      this.source = source;
      this.fileName = fileName;
      this.eachChunk = eachChunk;
      this.correlator = new Correlator(new CorrelationRule(source.key(), source.fallbackKeys()));
      this.lookup = new ChunkLookup(identities, source.name(), correlator, clock);
    }

    /** The source could not be read (from some row on, or at all): the run imports nothing more. */
    void refuse(RecordProblem problem) {
      fileRejected = true;
      problems.add(problem);
    }

    /** Applies a chunk of rows in a transaction of its own, or the caller's. */
    void apply(List<SourceRow> batch) {
      apply(() -> prepare(batch));
    }

    /**
     * Applies a chunk prepared ahead ({@link #prepare}) in a transaction of its own, on the reports
     * it was prepared with unless what the chunk before it wrote ({@code before}) may have changed
     * them: those are read again first.
     *
     * @return what this chunk wrote, for the chunk after it
     */
    ChunkWrites apply(Chunk chunk, ChunkWrites before) {
      return apply(
          () ->
              before.mayChange(chunk.reports(), chunk.values())
                  ? chunk.withFound(lookup.lookUp(chunk.rows(), chunk.digests()))
                  : chunk);
    }

    /** Applies the chunk {@code ready} gives in the transaction, and counts it once committed. */
    private ChunkWrites apply(Supplier<Chunk> ready) {
      Tally tally =
          transactions.inTransaction(
              () -> {
                Chunk chunk = ready.get();
                Tally applied = applyBatch(chunk);
                applied.rows = chunk.rows().size();
                eachChunk.accept(Set.copyOf(applied.changed));
                return applied;
              });
      count(tally);
      return tally.writes;
    }

    /**
     * A chunk of rows made ready to be applied: their digests, and the store's reports of the
     * identities their keys' values can match, read now (outside the transaction that will apply
     * it): {@link ChunkLookup#lookUp}.
     */
    Chunk prepare(List<SourceRow> rows) {
      List<@Nullable String> digests = digests(rows);
      return new Chunk(rows, digests, lookup.lookUp(rows, digests));
    }

    private void count(Tally tally) {
      rowsRead += tally.rows;
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
     * Applies one chunk of rows in the current transaction. What the store knows of the identities
     * the chunk's keys can match is read at once without reading them whole ({@link
     * IdentityRepository#findReports}): a row that correlates to an identity whose stored digest of
     * this source's record is the row's ({@link RecordDigest}), and whose state is still the one
     * its employment gives today, would merge into the identity as stored: it is left alone
     * (counted unchanged, its location remembered when it is not the one stored). The other rows
     * are applied in full ({@link #merge}), on their identities read whole; when one of them
     * creates or changes an identity that holds (or held) a key value of a row left alone, or that
     * row's identity, the chunk is applied in full instead, so that every row sees what the earlier
     * rows did, as in the file.
     */
    private Tally applyBatch(Chunk prepared) {
      List<SourceRow> batch = prepared.rows();
      List<@Nullable String> digests = prepared.digests();
      ChunkLookup.Found found = prepared.found();
      LocalDate today = LocalDate.now(clock);
      List<String> keys = correlator.rule().keysInOrder();
      UnchangedRows unchanged =
          UnchangedRows.find(correlator, batch, digests, found.reports(), today);
      if (!unchanged.containsAll(found.keyedOnly())) {
        // a row looked up on its primary key alone is not unchanged now (the day turned since)
        found = lookup.complete(found, batch);
        unchanged = UnchangedRows.find(correlator, batch, digests, found.reports(), today);
      }
      if (!unchanged.isEmpty()) {
        List<SourceRow> rest = new ArrayList<>();
        List<@Nullable String> restDigests = new ArrayList<>();
        for (int at = 0; at < batch.size(); at++) {
          if (!unchanged.contains(at)) {
            rest.add(batch.get(at));
            restDigests.add(digests.get(at));
          }
        }
        Merged merged = merge(rest, restDigests, found.reports(), today);
        if (!unchanged.touchedBy(merged.chunk.changed(), found.reports(), keys)) {
          merged.tally.unchanged += unchanged.size();
          merged.tally.locations.putAll(unchanged.locations());
          return merged.write();
        }
      }
      return merge(batch, digests, lookup.complete(found, batch).reports(), today).write();
    }

    /**
     * Correlates, merges and audits the rows in file order, on the identities read whole that their
     * keys can match; nothing is written yet ({@link Merged#write}).
     */
    private Merged merge(
        List<SourceRow> batch,
        List<@Nullable String> digests,
        Map<IdentityId, StoredReport> reports,
        LocalDate today) {
      Tally tally = new Tally();
      List<String> keys = correlator.rule().keysInOrder();
      ChunkIdentities chunk =
          ChunkIdentities.read(identities, keys, reports, correlationValues(batch));
      IdentityLookup lookup = chunk.lookup();
      Tombstones tombstones = new Tombstones(batch);
      List<AuditEvent> events = new ArrayList<>();
      List<LifecycleListener.Recorded> recorded = new ArrayList<>();
      Map<IdentityId, String> digested = new HashMap<>();
      for (int at = 0; at < batch.size(); at++) {
        SourceRow row = batch.get(at);
        SourceRecord record = row.record();
        if (record == null) {
          tally.rejected++;
          tally.problems.addAll(row.problems());
          continue;
        }
        String digest = digests.get(at);
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
          digested.put(joiner.id(), digest);
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
          digested.put(after.id(), digest);
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
      return new Merged(tally, chunk, events, recorded, digested);
    }

    /** One chunk's merge, written by {@link #write} in the current transaction. */
    private final class Merged {
      private final Tally tally;
      private final ChunkIdentities chunk;
      private final List<AuditEvent> events;
      private final List<LifecycleListener.Recorded> recorded;
      private final Map<IdentityId, String> digests;

      Merged(
          Tally tally,
          ChunkIdentities chunk,
          List<AuditEvent> events,
          List<LifecycleListener.Recorded> recorded,
          Map<IdentityId, String> digests) {
        this.tally = tally;
        this.chunk = chunk;
        this.events = events;
        this.recorded = recorded;
        this.digests = digests;
      }

      Tally write() {
        identities.saveAll(chunk.changed(), new SourceDigests(source.name(), digests));
        audit.appendAll(events);
        if (!recorded.isEmpty()) {
          listener.recorded(recorded);
        }
        access.locations().remember(source.name(), tally.locations);
        Set<IdentityId> alsoWritten = new HashSet<>(digests.keySet());
        alsoWritten.addAll(tally.locations.keySet());
        tally.writes =
            ChunkWrites.of(chunk.changed(), alsoWritten, correlator.rule().keysInOrder());
        return tally;
      }
    }

    /** Each row's digest ({@link RecordDigest}), null for a rejected row, in the chunk's order. */
    private List<@Nullable String> digests(List<SourceRow> batch) {
      List<@Nullable String> digests = new ArrayList<>(batch.size());
      for (SourceRow row : batch) {
        SourceRecord record = row.record();
        digests.add(
            record == null
                ? null
                : RecordDigest.of(
                    SourceMerge.given(source.attributes().keySet(), record.attributes()),
                    record.reportedEmployment()));
      }
      return digests;
    }

    /** The chunk's values of the correlation keys as the records give them, by key. */
    private Map<String, Set<String>> correlationValues(List<SourceRow> batch) {
      return ChunkLookup.keyValues(
          batch, correlator.rule().keysInOrder(), UnaryOperator.identity());
    }

    /** The chunk's values of the correlation keys stripped (as tombstones hold them), by key. */
    private Map<String, Set<String>> keyValues(List<SourceRow> batch) {
      return ChunkLookup.keyValues(batch, correlator.rule().keysInOrder(), String::strip);
    }

    /**
     * The tombstones of the chunk's key values ({@link ErasedPeople#find}), looked up when a record
     * of the chunk first matches nobody: a chunk whose records all match stored identities (a
     * re-import) asks nothing. The chunk writes no tombstone, so the answer is the same whenever it
     * is asked.
     */
    private final class Tombstones {
      private final List<SourceRow> batch;
      private @Nullable Map<String, Map<String, Instant>> found;

      Tombstones(List<SourceRow> batch) {
        this.batch = batch;
      }

      Map<String, Map<String, Instant>> byKey() {
        if (found == null) {
          found = erased.find(keyValues(batch));
        }
        return found;
      }
    }

    /** When the person holding one of the record's key values was pseudonymised, if they were. */
    private Optional<Instant> erasedAt(SourceRecord record, Tombstones tombstones) {
      for (String key : correlator.rule().keysInOrder()) {
        String value = record.attributes().get(key);
        if (value != null && !value.isBlank()) {
          Instant at = tombstones.byKey().getOrDefault(key, Map.of()).get(value.strip());
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
    private int rows;
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
    private ChunkWrites writes = ChunkWrites.NONE;
  }

  /**
   * A chunk of rows read ahead ({@link ReadAhead}) with what applying it needs first.
   *
   * @param rows the rows, in the source's order
   * @param digests each row's digest, null for a rejected row
   * @param found the store's reports of the identities the rows can correlate to, as read when the
   *     chunk was prepared
   */
  private record Chunk(
      List<SourceRow> rows, List<@Nullable String> digests, ChunkLookup.Found found) {

    /** The same chunk with the reports read again. */
    Chunk withFound(ChunkLookup.Found again) {
      return new Chunk(rows, digests, again);
    }

    Map<String, Set<String>> values() {
      return found.values();
    }

    Map<IdentityId, StoredReport> reports() {
      return found.reports();
    }
  }
}
