package io.tenure.store;

import io.tenure.engine.audit.AuditEvent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

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
  String keyedHash(String previousHash, long sequence, AuditEvent event) {
    return sealing.hash(previousHash, canonical(sequence, event));
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
    JsonMapper mapper = json.mapper();
    ObjectNode node = mapper.createObjectNode();
    node.put("sequence", sequence);
    node.put("at", format(event.at()));
    node.put("actor", event.actor());
    node.put("action", event.action());
    node.put("subject", event.subject());
    node.put("reason", event.reason());
    node.put("outcome", event.outcome());
    ObjectNode details = node.putObject("details");
    event.details().forEach(details::put);
    return mapper.writeValueAsString(node);
  }

  private static String format(Instant at) {
    return Timestamps.truncate(at).toString();
  }
}
