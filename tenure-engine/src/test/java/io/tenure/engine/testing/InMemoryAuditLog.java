package io.tenure.engine.testing;

import io.tenure.engine.audit.AuditEvent;
import io.tenure.engine.audit.AuditLog;
import io.tenure.engine.audit.AuditRecord;
import io.tenure.engine.audit.AuditVerification;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** An audit log in a list, for fast tests; its "hash" is the event's hash code chained. */
public final class InMemoryAuditLog implements AuditLog {

  private final List<AuditRecord> records = new ArrayList<>();

  @Override
  public synchronized void append(AuditEvent event) {
    String previous = records.isEmpty() ? "" : records.get(records.size() - 1).hash();
    records.add(new AuditRecord(records.size() + 1, event, chain(previous, event)));
  }

  @Override
  public synchronized List<AuditRecord> recent(@Nullable String subjectContains, int limit) {
    List<AuditRecord> found = new ArrayList<>();
    for (int index = records.size() - 1; index >= 0 && found.size() < limit; index--) {
      AuditRecord record = records.get(index);
      if (subjectContains == null || record.event().subject().contains(subjectContains)) {
        found.add(record);
      }
    }
    return found;
  }

  @Override
  public synchronized AuditVerification verify() {
    String previous = "";
    for (AuditRecord record : records) {
      if (!record.hash().equals(chain(previous, record.event()))) {
        return new AuditVerification(
            records.size(),
            record.sequence(),
            null,
            List.of("record " + record.sequence() + " does not hold"));
      }
      previous = record.hash();
    }
    return new AuditVerification(records.size(), -1, null, List.of());
  }

  /** Replaces the events and chains the records again, then appends the record of it. */
  @Override
  public synchronized void pseudonymise(Map<Long, AuditEvent> replacements, AuditEvent record) {
    List<AuditRecord> replaced = new ArrayList<>();
    String previous = "";
    for (AuditRecord each : records) {
      AuditEvent event = replacements.getOrDefault(each.sequence(), each.event());
      String hash = chain(previous, event);
      replaced.add(new AuditRecord(each.sequence(), event, hash));
      previous = hash;
    }
    records.clear();
    records.addAll(replaced);
    append(record);
  }

  /** Every event, oldest first. */
  public synchronized List<AuditEvent> events() {
    return records.stream().map(AuditRecord::event).toList();
  }

  private static String chain(String previous, AuditEvent event) {
    return Integer.toHexString((previous + event).hashCode());
  }
}
