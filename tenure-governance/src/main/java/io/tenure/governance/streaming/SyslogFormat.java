package io.tenure.governance.streaming;

import io.tenure.engine.audit.AuditEvent;
import io.tenure.engine.audit.AuditRecord;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * An audit record as an RFC 5424 syslog message, framed by octet counting for TCP (RFC 6587 3.4.1:
 * {@code LENGTH SP MESSAGE}). Facility security/authorization (10 in RFC 5424's table is authpriv;
 * 4 is auth: we use 13, log audit), severity notice (5), or warning (4) when the outcome is not a
 * success:
 *
 * <pre>{@code <109>1 2026-01-05T08:00:00Z host tenure - identity.joiner [tenure@32473
 * sequence="12" actor="hr-import:hr" subject="identity 3f2a" outcome="success" hash="ab.."
 * owner="3f2a"] joiner from hr}</pre>
 *
 * The structured data element {@code tenure@32473} carries the record's sequence (which a receiver
 * can use to recognise a record sent twice), actor, subject, outcome, hash and every detail;
 * parameter names are cut to 32 printable characters, values escaped ({@code "}, {@code \}, {@code
 * ]}). The message is the reason.
 */
public final class SyslogFormat {

  /** The private enterprise number used in the structured data id (an example number, 32473). */
  public static final String STRUCTURED_DATA_ID = "tenure@32473";

  private static final int FACILITY_LOG_AUDIT = 13;
  private static final int NOTICE = 5;
  private static final int WARNING = 4;

  private final String hostname;
  private final String appName;

  public SyslogFormat(String hostname, String appName) {
    this.hostname = header(hostname, 255);
    this.appName = header(appName, 48);
  }

  /** The message, without framing. */
  public String message(AuditRecord record) {
    AuditEvent event = record.event();
    int severity = event.outcome().equals("success") ? NOTICE : WARNING;
    StringBuilder message = new StringBuilder();
    message
        .append('<')
        .append(FACILITY_LOG_AUDIT * 8 + severity)
        .append(">1 ")
        .append(timestamp(event.at()))
        .append(' ')
        .append(hostname)
        .append(' ')
        .append(appName)
        .append(" - ")
        .append(header(event.action(), 32))
        .append(" [")
        .append(STRUCTURED_DATA_ID);
    parameter(message, "sequence", Long.toString(record.sequence()));
    parameter(message, "actor", event.actor());
    parameter(message, "subject", event.subject());
    parameter(message, "outcome", event.outcome());
    parameter(message, "hash", record.hash());
    event.details().forEach((name, value) -> parameter(message, name, value));
    message.append("] ").append(event.reason());
    return message.toString();
  }

  /** The message framed for TCP: its length in octets, a space, the message (UTF-8). */
  public byte[] framed(AuditRecord record) {
    byte[] body = message(record).getBytes(StandardCharsets.UTF_8);
    byte[] prefix = (body.length + " ").getBytes(StandardCharsets.US_ASCII);
    byte[] framed = new byte[prefix.length + body.length];
    System.arraycopy(prefix, 0, framed, 0, prefix.length);
    System.arraycopy(body, 0, framed, prefix.length, body.length);
    return framed;
  }

  private static String timestamp(Instant at) {
    return at.truncatedTo(ChronoUnit.MICROS).toString();
  }

  private static void parameter(StringBuilder message, String name, String value) {
    message.append(' ').append(parameterName(name)).append("=\"");
    for (int index = 0; index < value.length(); index++) {
      char character = value.charAt(index);
      if (character == '"' || character == '\\' || character == ']') {
        message.append('\\');
      }
      message.append(character);
    }
    message.append('"');
  }

  /** SD-NAME: 1 to 32 printable US-ASCII characters except {@code = ] "} and space. */
  static String parameterName(String name) {
    StringBuilder cleaned = new StringBuilder();
    for (int index = 0; index < name.length() && cleaned.length() < 32; index++) {
      char character = name.charAt(index);
      boolean allowed =
          character > 32
              && character < 127
              && character != '='
              && character != ']'
              && character != '"';
      cleaned.append(allowed ? character : '_');
    }
    return cleaned.isEmpty() ? "_" : cleaned.toString();
  }

  /** A header field: printable US-ASCII without spaces, at most {@code length}, or "-". */
  static String header(String value, int length) {
    StringBuilder cleaned = new StringBuilder();
    for (int index = 0; index < value.length() && cleaned.length() < length; index++) {
      char character = value.charAt(index);
      cleaned.append(character > 32 && character < 127 ? character : '_');
    }
    return cleaned.isEmpty() ? "-" : cleaned.toString();
  }
}
