package io.tenure.governance.request;

import io.tenure.core.identity.Employment;
import io.tenure.core.identity.EmploymentStatus;
import io.tenure.core.identity.Identity;
import io.tenure.core.identity.IdentityId;
import io.tenure.core.identity.LifecycleState;
import io.tenure.engine.assignment.ActiveAssignments;
import io.tenure.engine.assignment.Assignments;
import io.tenure.engine.configuration.RoleDefinition;
import io.tenure.engine.configuration.RoleRequestSettings;
import io.tenure.engine.configuration.SodRuleDefinition;
import io.tenure.engine.configuration.TenureConfiguration;
import io.tenure.engine.people.AccessExplanation;
import io.tenure.engine.planning.ConfiguredPolicy;
import io.tenure.engine.testing.EngineFixture;
import io.tenure.engine.testing.InMemoryAssignmentRepository;
import io.tenure.governance.testing.InMemoryRequestRepository;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * People, requestable roles and SoD rules over the engine fixture. E1200 manages E1100 and E1300;
 * E1100 manages E1050 and E1002; E1900 owns vpn and approvals; E1950 approves SoD exceptions.
 * Roles: vpn ([manager, owner], P90D, onMove review), payments (no approval), approvals ([owner]),
 * auditing (no approval). Rules: pay-and-approve (payments + approvals, exceptions through E1950),
 * audit-and-pay (auditing + payments, no exceptions).
 */
final class RequestFixture {

  final EngineFixture engine = new EngineFixture(Path.of("unused.csv"), "unused");
  final InMemoryAssignmentRepository assignmentStore = new InMemoryAssignmentRepository();
  final InMemoryRequestRepository requestStore = new InMemoryRequestRepository(assignmentStore);
  final List<List<IdentityId>> applied = new ArrayList<>();
  final List<String> notices = new ArrayList<>();
  final Map<String, Identity> people = new HashMap<>();
  final TenureConfiguration configuration;
  final AccessRequests requests;
  final RequestWork work;

  RequestFixture() {
    TenureConfiguration base = engine.configuration;
    List<RoleDefinition> roles = new ArrayList<>(base.roles());
    roles.add(
        role(
            "vpn",
            new RoleRequestSettings(
                true,
                List.of("E1900"),
                List.of("manager", "owner"),
                Duration.ofDays(90),
                Duration.ofDays(3),
                Duration.ofDays(3),
                RoleRequestSettings.OnMove.REVIEW)));
    roles.add(role("payments", settings(List.of(), List.of())));
    roles.add(role("approvals", settings(List.of("E1900"), List.of("owner"))));
    roles.add(role("auditing", settings(List.of(), List.of())));
    configuration =
        new TenureConfiguration(
            base.store(),
            base.lifecycle(),
            base.queue(),
            base.sources(),
            base.targets(),
            roles,
            base.rules(),
            base.scim(),
            base.authority(),
            List.of(
                new SodRuleDefinition(
                    "pay-and-approve",
                    List.of("payments", "approvals"),
                    SodRuleDefinition.Severity.HIGH,
                    true,
                    List.of("E1950")),
                new SodRuleDefinition(
                    "audit-and-pay",
                    List.of("auditing", "payments"),
                    SodRuleDefinition.Severity.CRITICAL,
                    false,
                    List.of())));
    ConfiguredPolicy policy = ConfiguredPolicy.of(configuration);
    Assignments assignments =
        new Assignments(
            assignmentStore,
            engine.audit,
            engine.clock,
            role -> policy.policy().roles().find(role).isPresent());
    RequestEnvironment environment =
        new RequestEnvironment(
            configuration,
            policy,
            requestStore,
            assignments,
            new People(engine.identities),
            new AccessExplanation(
                policy, new ActiveAssignments(assignmentStore, engine.clock), engine.clock),
            engine.transactions,
            (who, actor, trigger) -> {
              applied.add(List.copyOf(who));
              return new AccessChanges.Outcome(true, "plan p: 1 succeeded");
            },
            (kind, request, recipients, text) ->
                notices.add(kind.event() + " " + request.id() + " " + recipients),
            engine.audit,
            engine.clock);
    requests = new AccessRequests(environment);
    work = new RequestWork(environment);
    person("E1200", null);
    person("E1100", "E1200");
    person("E1300", "E1200");
    person("E1050", "E1100");
    person("E1002", "E1100");
    person("E1900", "E1200");
    person("E1950", "E1200");
  }

  private static RoleRequestSettings settings(List<String> owners, List<String> approval) {
    return new RoleRequestSettings(
        true,
        owners,
        approval,
        null,
        Duration.ofDays(3),
        Duration.ofDays(3),
        RoleRequestSettings.OnMove.REVIEW);
  }

  private static RoleDefinition role(String name, RoleRequestSettings settings) {
    return new RoleDefinition(name, name, List.of(), Map.of("directory", List.of(name)), settings);
  }

  Identity person(String employeeId, String managerId) {
    Map<String, String> attributes = new HashMap<>();
    attributes.put("employeeId", employeeId);
    attributes.put("givenName", "Given" + employeeId);
    attributes.put("familyName", "Family" + employeeId);
    if (managerId != null) {
      attributes.put("managerId", managerId);
    }
    Identity identity =
        new Identity(
            new IdentityId("identity-" + employeeId),
            LifecycleState.ACTIVE,
            attributes,
            new Employment(EmploymentStatus.ACTIVE, LocalDate.of(2020, 1, 1), null),
            Map.of());
    engine.identities.save(identity);
    people.put(employeeId, identity);
    return identity;
  }

  /** Gives the person a new manager (a transfer). */
  void move(String employeeId, String newManager) {
    Identity before = engine.identities.get(new IdentityId("identity-" + employeeId));
    Map<String, String> attributes = new HashMap<>(before.attributes());
    attributes.put("managerId", newManager);
    engine.identities.save(before.withAttributes(attributes));
  }

  static RequestActor as(String employeeId) {
    return RequestActor.person(employeeId, "cli:test");
  }

  LocalDate today() {
    return LocalDate.ofInstant(engine.clock.instant(), java.time.ZoneOffset.UTC);
  }
}
