package io.tenure.core.source;

import io.tenure.core.identity.Employment;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * One person as an authoritative source reports them, already mapped to identity attributes and
 * validated.
 *
 * @param source the source's name in the configuration
 * @param location where the record came from
 * @param attributes identity attributes by name; blank values are absent
 * @param employment status and dates; null when the source reports no employment (it has no
 *     lifecycle mapping: it only contributes attributes)
 */
public record SourceRecord(
    String source,
    RecordLocation location,
    Map<String, String> attributes,
    @Nullable Employment employment) {

  public SourceRecord {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(location, "location");
    attributes = Collections.unmodifiableMap(new TreeMap<>(attributes));
  }

  /** The employment the record reports, if its source reports any. */
  public Optional<Employment> reportedEmployment() {
    return Optional.ofNullable(employment);
  }
}
