package io.tenure.store;

import io.tenure.engine.audit.AuditRecord;
import io.tenure.engine.audit.AuditVerification;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Checks the hash chain of {@code audit_events}: every record's link and hash (keyed, or unkeyed
 * before any keyed record), every pseudonymised record listed by a keyed {@code
 * audit.pseudonymised} record whose digest holds, and the chain's head against the checkpoint
 * written outside the database (so that deleting the newest records is seen).
 */
final class AuditChainVerifier {

  /** The action of the record that lists pseudonymised records and their digest. */
  static final String PSEUDONYMISED = "audit.pseudonymised";

  private static final int VERIFY_PAGE = 1000;

  private final JdbcClient client;
  private final AuditSealing sealing;
  private final AuditRecordForm form;
  private final AuditRows rows;

  AuditChainVerifier(JdbcClient client, AuditSealing sealing, AuditRecordForm form, Json json) {
    this.client = client;
    this.sealing = sealing;
    this.form = form;
    this.rows = new AuditRows(json);
  }

  /**
   * In the current transaction, which chained every waiting event first: the verification of the
   * whole chain.
   */
  AuditVerification verify() {
    List<String> problems = new ArrayList<>();
    AuditSealing.Checkpoint checkpoint = null;
    try {
      checkpoint = sealing.readCheckpoint().orElse(null);
    } catch (IllegalStateException e) {
      problems.add(e.getMessage());
    }
    return verifyChain(checkpoint, problems);
  }

  /** The keyed digest of the current content of these records, in sequence order. */
  String digest(List<Long> sequences) {
    StringBuilder content = new StringBuilder();
    for (int from = 0; from < sequences.size(); from += VERIFY_PAGE) {
      List<Long> page = sequences.subList(from, Math.min(sequences.size(), from + VERIFY_PAGE));
      client
          .sql(AuditRows.SELECT + " where sequence in (:sequences) order by sequence")
          .param("sequences", page)
          .query(rows::record)
          .list()
          .forEach(row -> content.append(form.canonical(row.sequence(), row.event())).append('\n'));
    }
    return form.keyedDigest(content.toString());
  }

  /**
   * Every pseudonymised record must be listed by a keyed {@code audit.pseudonymised} record whose
   * digest matches their current content.
   */
  private void checkPseudonymised(
      Set<Long> pseudonymised, List<Map<String, String>> claims, List<String> problems) {
    Set<Long> listed = new TreeSet<>();
    for (Map<String, String> claim : claims) {
      String records = claim.getOrDefault("records", "");
      List<Long> sequences =
          records.isEmpty()
              ? List.of()
              : Arrays.stream(records.split(",")).map(Long::valueOf).toList();
      listed.addAll(sequences);
      if (!digest(sequences).equals(claim.get("digest"))) {
        problems.add(
            "pseudonymised records "
                + records
                + " were changed after they were pseudonymised (their digest does not hold)");
      }
    }
    for (Long sequence : pseudonymised) {
      if (!listed.contains(sequence)) {
        problems.add(
            "record "
                + sequence
                + " is marked pseudonymised but no audit.pseudonymised record lists it");
      }
    }
  }

  private AuditVerification verifyChain(
      AuditSealing.@Nullable Checkpoint checkpoint, List<String> problems) {
    AuditSealing.Hasher hasher = sealing.hasher();
    String previous = AuditRecordForm.GENESIS;
    long after = 0;
    long records = 0;
    long firstBroken = -1;
    boolean keyedSeen = false;
    boolean checkpointSeen = false;
    Set<Long> pseudonymised = new TreeSet<>();
    List<Map<String, String>> claims = new ArrayList<>();
    while (firstBroken < 0) {
      List<StoredRow> page =
          client
              .sql(
                  AuditRows.SELECT.replace(
                          " from audit_events", ", pseudonymised from audit_events")
                      + " where sequence > ? order by sequence limit ?")
              .param(after)
              .param(VERIFY_PAGE)
              .query(
                  (row, number) ->
                      new StoredRow(
                          rows.record(row, number),
                          row.getString("previous_hash"),
                          row.getString("scheme"),
                          row.getBoolean("pseudonymised")))
              .list();
      if (page.isEmpty()) {
        break;
      }
      for (StoredRow stored : page) {
        AuditRecord record = stored.record();
        records++;
        boolean keyed = stored.scheme().equals(AuditRecordForm.KEYED);
        String expected =
            stored.pseudonymised()
                ? record.hash()
                : keyed
                    ? form.keyedHash(hasher, previous, record.sequence(), record.event())
                    : form.unkeyedHash(previous, record.sequence(), record.event());
        if (stored.pseudonymised()) {
          pseudonymised.add(record.sequence());
        }
        if (record.event().action().equals(PSEUDONYMISED) && keyed) {
          claims.add(record.event().details());
        }
        if (!stored.previousHash().equals(previous) || !expected.equals(record.hash())) {
          firstBroken = record.sequence();
          problems.add(
              "record "
                  + record.sequence()
                  + " does not hold: its content, its link or its keyed hash was changed");
          break;
        }
        if (!keyed && keyedSeen) {
          firstBroken = record.sequence();
          problems.add("record " + record.sequence() + " is unkeyed after keyed records");
          break;
        }
        keyedSeen |= keyed;
        if (checkpoint != null && record.sequence() == checkpoint.sequence()) {
          checkpointSeen = true;
          if (!record.hash().equals(checkpoint.hash())) {
            problems.add(
                "record "
                    + record.sequence()
                    + " differs from the checkpoint written outside the database");
          }
        }
        previous = record.hash();
        after = record.sequence();
      }
    }
    if (firstBroken < 0) {
      checkPseudonymised(pseudonymised, claims, problems);
    }
    if (checkpoint != null && firstBroken < 0 && !checkpointSeen) {
      problems.add(
          "the chain ends at record "
              + after
              + " but a checkpoint of record "
              + checkpoint.sequence()
              + " was written outside the database: newer records were deleted");
    }
    return new AuditVerification(
        records, firstBroken, checkpoint == null ? null : checkpoint.sequence(), problems);
  }

  private record StoredRow(
      AuditRecord record, String previousHash, String scheme, boolean pseudonymised) {}
}
