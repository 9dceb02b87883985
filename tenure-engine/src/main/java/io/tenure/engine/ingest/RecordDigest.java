package io.tenure.engine.ingest;

import io.tenure.core.identity.Employment;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The digest of what a source's record makes of a person: every value it keeps ({@link
 * SourceMerge#given}, whatever reads it: a target's mapping, a rule, nothing) and the employment it
 * reports. Two records with the same digest merge into the same identity when the source is the
 * only one that gives the person values, so that a record whose digest is the stored one can be
 * left alone without reading the identity.
 *
 * <p>The text hashed (SHA-256, hex): {@code v1|}, then for each value in code point order of the
 * attribute names {@code <length>:<name><length>:<value>} (lengths in code points), then {@code |}
 * and the employment as {@code STATUS:start:end} (ISO dates, empty when absent) or {@code -} when
 * the record reports none. Migration V82 computes the same text in SQL for the identities stored
 * before (their values and employment columns): keep the two equal.
 */
public final class RecordDigest {

  private static final HexFormat HEX = HexFormat.of();

  private RecordDigest() {}

  /**
   * @param given the values the record keeps, by attribute
   * @param employment the employment it reports, if any
   */
  public static String of(Map<String, String> given, Optional<Employment> employment) {
    return sha256(text(given, employment));
  }

  static String text(Map<String, String> given, Optional<Employment> employment) {
    List<String> names = new ArrayList<>(given.keySet());
    names.sort(RecordDigest::compareCodePoints);
    StringBuilder text = new StringBuilder(256).append("v1|");
    for (String name : names) {
      appendCounted(text, name);
      appendCounted(text, given.get(name));
    }
    text.append('|');
    if (employment.isEmpty()) {
      text.append('-');
    } else {
      Employment reported = employment.get();
      text.append(reported.status().name())
          .append(':')
          .append(date(reported.startDate()))
          .append(':')
          .append(date(reported.endDate()));
    }
    return text.toString();
  }

  private static void appendCounted(StringBuilder text, String value) {
    text.append(value.codePointCount(0, value.length())).append(':').append(value);
  }

  private static String date(@Nullable LocalDate date) {
    return date == null ? "" : date.toString();
  }

  /** Code point order: PostgreSQL's {@code collate "C"} order of UTF-8 text. */
  static int compareCodePoints(String left, String right) {
    int at = 0;
    int otherAt = 0;
    while (at < left.length() && otherAt < right.length()) {
      int one = left.codePointAt(at);
      int other = right.codePointAt(otherAt);
      if (one != other) {
        return Integer.compare(one, other);
      }
      at += Character.charCount(one);
      otherAt += Character.charCount(other);
    }
    return Boolean.compare(at < left.length(), otherAt < right.length());
  }

  private static String sha256(String text) {
    try {
      return HEX.formatHex(
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
