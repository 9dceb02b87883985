package io.tenure.cli;

import io.tenure.governance.request.SodViolations;
import io.tenure.governance.request.SodViolations.Violation;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code tenure sod violations}: the separation-of-duties conflicts people hold today. */
@Command(
    name = "sod",
    mixinStandardHelpOptions = true,
    description = {
      "'sod violations': the people who hold roles that a separation-of-duties rule forbids"
          + " together (from birthright rules, HR changes, SCIM groups or exceptions), with the"
          + " origin of each role; each is audited as sod.violation."
    })
final class SodCommand extends StoreCommand implements Callable<Integer> {

  SodCommand(CliEnvironment environment) {
    super(environment);
  }

  @Override
  public Integer call() {
    throw new picocli.CommandLine.ParameterException(
        new picocli.CommandLine(this), "say what to do: violations");
  }

  @Command(
      name = "violations",
      mixinStandardHelpOptions = true,
      description = "Lists the conflicts held today.")
  int violations(@Mixin FormatOption format) {
    return withApplication(
        null,
        context -> {
          List<Violation> found = context.getBean(SodViolations.class).find(actor());
          if (format.json()) {
            ObjectNode root = RequestsJson.object();
            ArrayNode items = root.putArray("violations");
            for (Violation violation : found) {
              ObjectNode node = items.addObject();
              node.put("employeeId", violation.employeeId());
              node.put("name", violation.name());
              node.put("rule", violation.conflict().rule().name());
              node.put("severity", violation.conflict().rule().severity().label());
              ObjectNode roles = node.putObject("roles");
              violation
                  .origins()
                  .forEach((role, reason) -> roles.put(role, String.valueOf(reason)));
            }
            Reports.printJson(root, environment.out());
          } else if (found.isEmpty()) {
            environment.out().println("No separation-of-duties violation.");
          } else {
            for (Violation violation : found) {
              environment
                  .out()
                  .println(
                      violation.employeeId()
                          + " "
                          + violation.name()
                          + ": "
                          + violation.conflict().describe());
              violation
                  .origins()
                  .forEach(
                      (role, reason) ->
                          environment
                              .out()
                              .println("  " + role + "  " + AccessCommand.origin(reason)));
            }
          }
          return 0;
        });
  }
}
