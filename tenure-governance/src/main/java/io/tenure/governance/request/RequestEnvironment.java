package io.tenure.governance.request;

import io.tenure.core.identity.Identity;
import io.tenure.core.policy.RoleName;
import io.tenure.engine.assignment.Assignments;
import io.tenure.engine.audit.AuditEvent;
import io.tenure.engine.audit.AuditLog;
import io.tenure.engine.configuration.RoleDefinition;
import io.tenure.engine.configuration.RoleRequestSettings;
import io.tenure.engine.configuration.TenureConfiguration;
import io.tenure.engine.people.AccessExplanation;
import io.tenure.engine.planning.ConfiguredPolicy;
import io.tenure.engine.store.Transactions;
import java.time.Clock;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the request services work with: the configuration, the stores (as ports), the provisioning
 * path, the notifier, the audit log and the clock.
 *
 * @param zone the time zone in which an end date ({@code --until 2027-01-31}) is read: the access
 *     ends when that day ends there
 */
public record RequestEnvironment(
    TenureConfiguration configuration,
    ConfiguredPolicy policy,
    RequestRepository requests,
    Assignments assignments,
    People people,
    AccessExplanation explanation,
    Transactions transactions,
    AccessChanges changes,
    RequestNotifier notifier,
    AuditLog audit,
    Clock clock,
    ZoneId zone) {

  /** The same, reading end dates in UTC. */
  public RequestEnvironment(
      TenureConfiguration configuration,
      ConfiguredPolicy policy,
      RequestRepository requests,
      Assignments assignments,
      People people,
      AccessExplanation explanation,
      Transactions transactions,
      AccessChanges changes,
      RequestNotifier notifier,
      AuditLog audit,
      Clock clock) {
    this(
        configuration,
        policy,
        requests,
        assignments,
        people,
        explanation,
        transactions,
        changes,
        notifier,
        audit,
        clock,
        ZoneOffset.UTC);
  }

  /** The request settings of a role; not requestable if it is not configured. */
  RoleRequestSettings settings(RoleName role) {
    return configuration
        .role(role.value())
        .map(RoleDefinition::request)
        .orElse(RoleRequestSettings.NOT_REQUESTABLE);
  }

  /** The roles a person holds today, by rules, SCIM groups and assignments, with includes. */
  Set<RoleName> rolesOf(Identity person) {
    return new TreeSet<>(explanation.explain(person).access().roles().keySet());
  }

  SodRules sod() {
    return new SodRules(configuration.sod(), policy.policy().roles());
  }

  /** Audits something that happened to a request, naming its role and beneficiary. */
  void audit(String actor, String action, AccessRequest request, String reason, String outcome) {
    audit(actor, action, request, reason, outcome, Map.of());
  }

  void audit(
      String actor,
      String action,
      AccessRequest request,
      String reason,
      String outcome,
      Map<String, String> extra) {
    Map<String, String> details = new LinkedHashMap<>(extra);
    details.put("request", request.id().value());
    details.put("role", request.role().value());
    details.put("owner", request.beneficiary().value());
    details.put("beneficiary", request.beneficiaryEmployeeId());
    details.put("state", request.state().label());
    audit.append(
        new AuditEvent(
            clock.instant(),
            actor,
            action,
            "request " + request.id().value(),
            reason,
            outcome,
            details));
  }

  /** Tells people, never failing the caller for it. */
  void tell(
      RequestNotifier.Kind kind, AccessRequest request, List<String> recipients, String text) {
    try {
      notifier.notify(kind, request, recipients, text);
    } catch (RuntimeException e) {
      System.getLogger(RequestEnvironment.class.getName())
          .log(
              System.Logger.Level.WARNING,
              "could not notify {0} of {1}: {2}",
              recipients,
              request.id(),
              e.getMessage());
    }
  }
}
