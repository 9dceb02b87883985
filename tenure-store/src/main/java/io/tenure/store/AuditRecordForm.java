package io.tenure.store;

import io.tenure.engine.audit.AuditEvent;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.Consumer;
import tools.jackson.core.JsonGenerator;

/**
 * What a record of the audit chain is hashed over and how: its canonical JSON (sequence, at, actor,
 * action, subject, reason, outcome, details in key order), and the hash of a record given the
 * previous record's hash, keyed ({@link #KEYED}: HMAC-SHA256 under the {@link AuditSealing} key)
 * or, for records written before the chain was keyed, plain SHA-256 ({@link #UNKEYED}).
 */
final class AuditRecordForm {

  /** The "previous hash" of the first record. */
  static final String GENESIS = "0".repeat(64);

  /** The scheme of records keyed with the audit key. */
  static final String KEYED = "hmac-sha256";

  /** The scheme of records written before the chain was keyed. */
  static final String UNKEYED = "sha256";

  private final Json json;
  private final AuditSealing sealing;

  AuditRecordForm(Json json, AuditSealing sealing) {
    this.json = json;
    this.sealing = sealing;
  }

  /** The keyed hash of a record: HMAC-SHA256 of the previous hash, a newline and its form. */
  String keyedHash(
      AuditSealing.Hasher hasher, String previousHash, long sequence, AuditEvent event) {
    return hasher.hash(previousHash, canonical(sequence, event));
  }

  /** The keyed digest of a text (the previous hash being {@link #GENESIS}). */
  String keyedDigest(String text) {
    return sealing.hash(GENESIS, text);
  }

  /** The hash of a record written before the chain was keyed: plain SHA-256. */
  String unkeyedHash(String previousHash, long sequence, AuditEvent event) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(previousHash.getBytes(StandardCharsets.UTF_8));
      digest.update((byte) '\n');
      digest.update(canonical(sequence, event).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  /** The canonical serialisation of a record: fixed field order, details in key order. */
  String canonical(long sequence, AuditEvent event) {
    return canonicalEvent(event).withSequence(sequence);
  }

  /**
   * The canonical form of an event but its sequence, written once: when it is appended, the chain
   * is then extended without reading the event back and serialising it again ({@link
   * CanonicalEvent#withSequence}), and its details column is the same text.
   */
  CanonicalEvent canonicalEvent(AuditEvent event) {
    String details = write(generator -> writeDetails(generator, event.details()));
    String fields =
        write(
            generator -> {
              generator.writeStartObject();
              generator.writeStringProperty("at", format(event.at()));
              generator.writeStringProperty("actor", event.actor());
              generator.writeStringProperty("action", event.action());
              generator.writeStringProperty("subject", event.subject());
              generator.writeStringProperty("reason", event.reason());
              generator.writeStringProperty("outcome", event.outcome());
              generator.writeName("details");
              generator.writeRawValue(details);
              generator.writeEndObject();
            });
    return new CanonicalEvent(fields, details);
  }

  /**
   * The canonical form of an event without its sequence: the JSON object of its fields but the
   * sequence, in the canonical order ({@code at, actor, action, subject, reason, outcome,
   * details}), and its details alone (a JSON object, keys in order).
   */
  record CanonicalEvent(String fields, String details) {

    /** The canonical form of the record of this event at this sequence. */
    String withSequence(long sequence) {
      return AuditRecordForm.withSequence(sequence, fields);
    }
  }

  /**
   * The canonical form of a record: the sequence, then the event's fields ({@link
   * CanonicalEvent#fields}).
   */
  static String withSequence(long sequence, String fields) {
    return "{\"sequence\":" + sequence + "," + fields.substring(1);
  }

  private static void writeDetails(JsonGenerator generator, Map<String, String> details) {
    generator.writeStartObject();
    // an AuditEvent keeps its details in key order
    for (Map.Entry<String, String> entry : details.entrySet()) {
      generator.writeStringProperty(entry.getKey(), entry.getValue());
    }
    generator.writeEndObject();
  }

  private String write(Consumer<JsonGenerator> content) {
    StringWriter text = new StringWriter(256);
    try (JsonGenerator generator = json.mapper().createGenerator(text)) {
      content.accept(generator);
    }
    return text.toString();
  }

  private static String format(Instant at) {
    return Timestamps.truncate(at).toString();
  }
}
