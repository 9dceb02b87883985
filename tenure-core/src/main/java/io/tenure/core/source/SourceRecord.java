package io.tenure.core.source;

import io.tenure.core.identity.Employment;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One person as an authoritative source reports them, already mapped to identity attributes and
 * validated.
 *
 * @param source the source's name in the configuration
 * @param location where the record came from
 * @param attributes identity attributes by name; blank values are absent
 * @param employment status and dates
 */
public record SourceRecord(
    String source, RecordLocation location, Map<String, String> attributes, Employment employment) {

  public SourceRecord {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(employment, "employment");
    attributes = Collections.unmodifiableMap(new TreeMap<>(attributes));
  }
}
