package io.tenure.engine.audit;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Something that happened.
 *
 * @param at when
 * @param actor who or what caused it ({@code hr-import:hr}, {@code cli:alice}, {@code rule:x})
 * @param action what kind of thing happened ({@code identity.joiner}, {@code operation.succeeded})
 * @param subject what it happened to ({@code identity 3f2a...}, {@code directory/jdoe})
 * @param reason why (a rendered {@link io.tenure.core.plan.Reason} or a free text)
 * @param outcome {@code success}, {@code failure}, {@code rejected}, ...
 * @param details further facts; never secrets
 */
public record AuditEvent(
    Instant at,
    String actor,
    String action,
    String subject,
    String reason,
    String outcome,
    Map<String, String> details) {

  public AuditEvent {
    details = Collections.unmodifiableMap(new TreeMap<>(details));
  }
}
