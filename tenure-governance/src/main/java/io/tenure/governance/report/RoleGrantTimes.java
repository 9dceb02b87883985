package io.tenure.governance.report;

import io.tenure.engine.audit.AuditEvent;
import io.tenure.engine.audit.AuditLog;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** When each person's roles were first granted, as the audit trail says. */
public final class RoleGrantTimes {

  private RoleGrantTimes() {}

  /**
   * The time of the first entitlement granted for each person and role (the role named in the
   * grant's reason), keyed {@code identity#role}.
   */
  public static Map<String, Instant> from(AuditLog audit) {
    Map<String, Instant> first = new HashMap<>();
    AccessHistory.each(
        audit,
        record -> {
          AuditEvent event = record.event();
          if (event.action().equals("operation.succeeded")
              && "ADD_ENTITLEMENT".equals(event.details().get("kind"))
              && event.details().containsKey("owner")) {
            String role = AccessHistory.role(event.reason());
            if (!role.isEmpty()) {
              first.putIfAbsent(event.details().get("owner") + "#" + role, event.at());
            }
          }
        });
    return first;
  }
}
