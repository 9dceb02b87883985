package io.tenure.governance.request;

import io.tenure.core.identity.Identity;
import io.tenure.core.plan.Reason;
import io.tenure.core.policy.Access;
import io.tenure.core.policy.RoleName;
import io.tenure.engine.audit.AuditEvent;
import io.tenure.engine.audit.AuditLog;
import io.tenure.engine.identity.IdentityRepository;
import io.tenure.engine.people.AccessExplanation;
import io.tenure.engine.store.Transactions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The separation-of-duties conflicts people hold today, whatever made them (birthright rules after
 * an HR change, SCIM groups, exceptions): each reported with the origin of every conflicting role,
 * and audited ({@code sod.violation}) when listed.
 */
public final class SodViolations {

  private final IdentityRepository identities;
  private final AccessExplanation explanation;
  private final SodRules rules;
  private final AuditLog audit;
  private final Transactions transactions;
  private final Clock clock;

  public SodViolations(
      IdentityRepository identities,
      AccessExplanation explanation,
      SodRules rules,
      AuditLog audit,
      Transactions transactions,
      Clock clock) {
    this.identities = identities;
    this.explanation = explanation;
    this.rules = rules;
    this.audit = audit;
    this.transactions = transactions;
    this.clock = clock;
  }

  /**
   * One person breaking one rule.
   *
   * @param origins each conflicting role held, with why it is held
   */
  public record Violation(
      String employeeId, String name, SodRules.Conflict conflict, Map<String, Reason> origins) {}

  /** Every violation, by person; each audited as {@code sod.violation} by {@code actor}. */
  public List<Violation> find(String actor) {
    return transactions.inTransaction(
        () -> {
          List<Violation> found = new ArrayList<>();
          try (Stream<Identity> all = identities.stream()) {
            Iterator<Identity> people = all.iterator();
            while (people.hasNext()) {
              Identity person = people.next();
              Access access = explanation.explain(person).access();
              for (SodRules.Conflict conflict : rules.conflicts(access.roles().keySet())) {
                Map<String, Reason> origins = new LinkedHashMap<>();
                conflict
                    .held()
                    .forEach(role -> origins.put(role, access.roles().get(RoleName.of(role))));
                found.add(
                    new Violation(
                        People.employeeId(person), People.name(person), conflict, origins));
              }
            }
          }
          for (Violation violation : found) {
            Map<String, String> details = new LinkedHashMap<>();
            details.put("rule", violation.conflict().rule().name());
            details.put("severity", violation.conflict().rule().severity().label());
            details.put("roles", String.join(",", violation.conflict().held()));
            details.put("employeeId", violation.employeeId());
            violation
                .origins()
                .forEach((role, reason) -> details.put("origin." + role, String.valueOf(reason)));
            audit.append(
                new AuditEvent(
                    clock.instant(),
                    actor,
                    "sod.violation",
                    "person " + violation.employeeId(),
                    violation.conflict().describe(),
                    "reported",
                    details));
          }
          return found;
        });
  }
}
