package io.tenure.cli;

import io.tenure.core.account.TargetId;
import io.tenure.core.identity.Identity;
import io.tenure.core.plan.Reason;
import io.tenure.core.policy.Access;
import io.tenure.core.policy.RoleName;
import io.tenure.engine.assignment.Assignment;
import io.tenure.engine.assignment.AssignmentRepository;
import io.tenure.engine.identity.IdentityRepository;
import io.tenure.engine.people.AccessExplanation;
import io.tenure.engine.people.ExplainedAccess;
import io.tenure.engine.store.Transactions;
import io.tenure.governance.request.People;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code tenure access show E1050}: every role a person holds, with its origin and end. */
@Command(
    name = "access",
    mixinStandardHelpOptions = true,
    description = {
      "'access show EMPLOYEE_ID': every role the person holds with its origin (rule, request,"
          + " ...) and end date, and the resulting entitlements per target with their reasons."
    })
final class AccessCommand extends StoreCommand implements Callable<Integer> {

  AccessCommand(CliEnvironment environment) {
    super(environment);
  }

  @Override
  public Integer call() {
    throw new picocli.CommandLine.ParameterException(
        new picocli.CommandLine(this), "say what to do: show");
  }

  @Command(name = "show", mixinStandardHelpOptions = true, description = "A person's access.")
  int show(@Parameters(paramLabel = "EMPLOYEE_ID") String employeeId, @Mixin FormatOption format) {
    return withApplication(
        null,
        context ->
            context
                .getBean(Transactions.class)
                .inTransaction(
                    () -> {
                      Identity person =
                          new People(context.getBean(IdentityRepository.class)).require(employeeId);
                      ExplainedAccess explained =
                          context.getBean(AccessExplanation.class).explain(person);
                      Map<String, Assignment> ends = new HashMap<>();
                      Clock clock = context.getBean(Clock.class);
                      for (Assignment assignment :
                          context.getBean(AssignmentRepository.class).of(person.id())) {
                        if (assignment.isActiveAt(clock.instant())) {
                          ends.put(assignment.role().value(), assignment);
                        }
                      }
                      if (format.json()) {
                        Reports.printJson(json(person, explained, ends), environment.out());
                      } else {
                        text(person, explained, ends);
                      }
                      return 0;
                    }));
  }

  private void text(Identity person, ExplainedAccess explained, Map<String, Assignment> ends) {
    PrintWriter out = environment.out();
    Access access = explained.access();
    out.println(
        People.employeeId(person)
            + " "
            + People.name(person)
            + " ("
            + person.state()
            + ", "
            + explained.presence().presence()
            + ")");
    out.println(access.roles().isEmpty() ? "Roles: none" : "Roles:");
    for (Map.Entry<RoleName, Reason> role : access.roles().entrySet()) {
      Assignment assignment = ends.get(role.getKey().value());
      out.println(
          "  "
              + role.getKey()
              + "  "
              + origin(role.getValue())
              + (assignment != null && assignment.validUntil() != null
                  ? "  ends " + assignment.validUntil()
                  : ""));
    }
    for (Map.Entry<TargetId, Map<String, Reason>> target : access.entitlements().entrySet()) {
      String username = person.usernames().get(target.getKey().value());
      out.println(
          "Entitlements on "
              + target.getKey()
              + (username == null ? "" : " (" + username + ")")
              + ":");
      target
          .getValue()
          .forEach((value, reason) -> out.println("  " + value + "  because " + reason.render()));
    }
  }

  private static ObjectNode json(
      Identity person, ExplainedAccess explained, Map<String, Assignment> ends) {
    ObjectNode root = RequestsJson.object();
    root.put("employeeId", People.employeeId(person));
    root.put("name", People.name(person));
    root.put("state", person.state().name());
    ArrayNode roles = root.putArray("roles");
    explained
        .access()
        .roles()
        .forEach(
            (role, reason) -> {
              ObjectNode node = roles.addObject();
              node.put("role", role.value());
              node.put("origin", origin(reason));
              ArrayNode chain = node.putArray("reason");
              reason.chain().forEach(chain::add);
              Assignment assignment = ends.get(role.value());
              node.put(
                  "until",
                  assignment == null || assignment.validUntil() == null
                      ? null
                      : assignment.validUntil().toString());
              node.put("assignment", assignment == null ? null : assignment.id().value());
            });
    ObjectNode targets = root.putObject("entitlements");
    explained
        .access()
        .entitlements()
        .forEach(
            (target, values) -> {
              ObjectNode node = targets.putObject(target.value());
              values.forEach((value, reason) -> node.put(value, reason.render()));
            });
    return root;
  }

  /** The root of a role's reason chain: the rule, request, SCIM group or include it comes from. */
  static String origin(Reason reason) {
    List<String> chain = reason.chain();
    return "from " + String.join(", from ", chain.subList(1, chain.size()));
  }
}
