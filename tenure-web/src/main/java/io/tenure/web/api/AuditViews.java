package io.tenure.web.api;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** What the API answers about the audit trail. */
public final class AuditViews {

  private AuditViews() {}

  /** One audit event. */
  @Schema(name = "AuditEvent")
  public record Event(
      long sequence,
      String at,
      String actor,
      String action,
      String subject,
      @Schema(description = "the subject in words: a person's name instead of their id")
          String subjectName,
      String reason,
      String outcome,
      Map<String, String> details) {}

  /** A page of audit events, newest first. */
  @Schema(name = "AuditEventList")
  public record Page(
      List<Event> events,
      @Schema(description = "the cursor of the next (older) page, give it as ?before=")
          @Nullable Long next) {}
}
