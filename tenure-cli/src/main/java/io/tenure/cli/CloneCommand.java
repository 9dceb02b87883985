package io.tenure.cli;

import io.tenure.core.account.TargetId;
import io.tenure.core.identity.Identity;
import io.tenure.core.plan.Reason;
import io.tenure.core.policy.RoleName;
import io.tenure.engine.identity.IdentityRepository;
import io.tenure.engine.store.Transactions;
import io.tenure.governance.request.AccessComparison;
import io.tenure.governance.request.AccessComparison.Comparison;
import io.tenure.governance.request.AccessComparison.Difference;
import io.tenure.governance.request.AccessComparison.Verdict;
import io.tenure.governance.request.AccessRequest;
import io.tenure.governance.request.AccessRequests;
import io.tenure.governance.request.People;
import io.tenure.governance.request.RequestRefusedException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code tenure clone --from E1002 --to E1050 [--request --reason TEXT]}: "give her what Bob has",
 * per target: offered (requestable roles), left out (what she gets anyway), explained (what Bob
 * holds from his own attributes or roles nobody can request); {@code --request} files one request
 * per offered role.
 */
@Command(
    name = "clone",
    mixinStandardHelpOptions = true,
    description = {
      "Model one person's access after another's: per target, what the model has that the person"
          + " lacks, split into requestable roles (offered), birthright the person gets anyway"
          + " (left out) and what the model holds from personal attributes or roles that cannot"
          + " be requested (explained, not offered). --request files one request per offered"
          + " role (approvals apply)."
    })
final class CloneCommand extends StoreCommand implements Callable<Integer> {

  @Option(names = "--from", required = true, paramLabel = "EMPLOYEE_ID", description = "The model.")
  String from = "";

  @Option(names = "--to", required = true, paramLabel = "EMPLOYEE_ID", description = "The person.")
  String to = "";

  @Option(names = "--request", description = "File a request for each offered role.")
  boolean request;

  @Option(names = "--reason", paramLabel = "TEXT", description = "The requests' justification.")
  @Nullable String reason;

  @Option(names = "--as", paramLabel = "EMPLOYEE_ID", description = "Request as this person.")
  @Nullable String as;

  @Mixin FormatOption format = new FormatOption();

  CloneCommand(CliEnvironment environment) {
    super(environment);
  }

  @Override
  public Integer call() {
    if (request && (reason == null || reason.isBlank())) {
      throw new IllegalArgumentException("--request needs --reason");
    }
    return withApplication(
        null,
        context -> {
          Comparison comparison =
              context
                  .getBean(Transactions.class)
                  .inTransaction(
                      () -> {
                        People people = new People(context.getBean(IdentityRepository.class));
                        Identity model = people.require(from);
                        Identity person = people.require(to);
                        return context.getBean(AccessComparison.class).compare(model, person);
                      });
          List<String> filed = new ArrayList<>();
          List<String> refused = new ArrayList<>();
          if (request) {
            AccessRequests requests = context.getBean(AccessRequests.class);
            String justification = reason + " (modelled after " + from + ")";
            for (RoleName role : comparison.offered().keySet()) {
              try {
                AccessRequest created =
                    requests.create(
                        RequestCommand.actor(as), to, role.value(), justification, null);
                filed.add(RequestCommand.summary(created));
              } catch (RequestRefusedException | IllegalArgumentException e) {
                refused.add(role + ": " + e.getMessage());
              }
            }
          }
          if (format.json()) {
            Reports.printJson(json(comparison, filed, refused), environment.out());
          } else {
            text(comparison, filed, refused);
          }
          return refused.isEmpty() ? 0 : 1;
        });
  }

  private void text(Comparison comparison, List<String> filed, List<String> refused) {
    PrintWriter out = environment.out();
    out.println("Access of " + comparison.model() + " compared with " + comparison.person() + ":");
    for (Map.Entry<TargetId, List<Difference>> target : comparison.targets().entrySet()) {
      out.println(target.getKey() + ":");
      for (Verdict verdict : Verdict.values()) {
        for (Difference difference : target.getValue()) {
          if (difference.verdict() == verdict) {
            out.println("  " + line(difference));
          }
        }
      }
    }
    if (comparison.offered().isEmpty()) {
      out.println("Nothing to request: " + comparison.person() + " lacks no requestable role.");
    } else {
      out.println(
          "Offered roles: "
              + String.join(
                  ", ", comparison.offered().keySet().stream().map(RoleName::value).toList())
              + (filed.isEmpty() && refused.isEmpty()
                  ? " (file them with --request --reason TEXT)"
                  : ""));
    }
    filed.forEach(line -> out.println("Filed " + line));
    refused.forEach(line -> environment.err().println("Not filed: " + line));
  }

  private static String line(Difference difference) {
    return switch (difference.verdict()) {
      case OFFERED ->
          "offered     "
              + difference.entitlement()
              + "  request role "
              + difference.role()
              + " (the model has it "
              + origin(difference.reason())
              + ")";
      case LEFT_OUT ->
          "left out    "
              + difference.entitlement()
              + "  gets it anyway "
              + origin(difference.reason());
      case EXPLAINED ->
          "explained   "
              + difference.entitlement()
              + "  not offered: the model has it "
              + origin(difference.reason());
    };
  }

  private static String origin(Reason reason) {
    List<String> chain = reason.chain();
    int from = chain.size() > 1 && chain.get(0).startsWith("entitlement ") ? 1 : 0;
    return "from " + String.join(", from ", chain.subList(from, chain.size()));
  }

  private static ObjectNode json(Comparison comparison, List<String> filed, List<String> refused) {
    ObjectNode root = RequestsJson.object();
    root.put("model", comparison.model());
    root.put("person", comparison.person());
    ObjectNode targets = root.putObject("targets");
    comparison
        .targets()
        .forEach(
            (target, differences) -> {
              ObjectNode node = targets.putObject(target.value());
              for (Verdict verdict : Verdict.values()) {
                ArrayNode items = node.putArray(verdict.name().toLowerCase().replace('_', '-'));
                differences.stream()
                    .filter(difference -> difference.verdict() == verdict)
                    .forEach(
                        difference -> {
                          ObjectNode item = items.addObject();
                          item.put("entitlement", difference.entitlement());
                          item.put("role", difference.role());
                          item.put("reason", difference.reason().render());
                        });
              }
            });
    ArrayNode offered = root.putArray("offered");
    comparison.offered().keySet().forEach(role -> offered.add(role.value()));
    ArrayNode requests = root.putArray("filed");
    filed.forEach(requests::add);
    ArrayNode notFiled = root.putArray("refused");
    refused.forEach(notFiled::add);
    return root;
  }
}
