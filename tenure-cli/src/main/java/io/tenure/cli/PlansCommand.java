package io.tenure.cli;

import io.tenure.engine.execution.PlanId;
import io.tenure.engine.execution.PlanRepository;
import io.tenure.engine.execution.StoredPlan;
import io.tenure.engine.guard.GuardedExecution;
import io.tenure.engine.guard.PlanHold;
import io.tenure.engine.store.Transactions;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code tenure plans}: the stored plans, or with {@code --held} those the brake holds. */
@Command(
    name = "plans",
    mixinStandardHelpOptions = true,
    description = {
      "Lists the most recent stored plans with their brake status, or with --held only the plans"
          + " whose deprovisioning the mass-change brake holds, with the reason.",
      "Resume a held plan with 'tenure resume PLAN' or discard its held operations with"
          + " 'tenure reject PLAN --reason TEXT'."
    })
final class PlansCommand extends StoreCommand implements Callable<Integer> {

  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  @Option(names = "--held", description = "Only the plans held by the mass-change brake.")
  boolean held;

  @Option(
      names = "--limit",
      paramLabel = "N",
      defaultValue = "20",
      description = "At most this many plans (default 20).")
  int limit = 20;

  @Mixin FormatOption format = new FormatOption();

  PlansCommand(CliEnvironment environment) {
    super(environment);
  }

  /** One line of the listing. */
  record Row(
      PlanId plan,
      String createdAt,
      String actor,
      String trigger,
      int operations,
      String status,
      @Nullable PlanHold hold) {}

  @Override
  public Integer call() {
    return withApplication(
        null,
        context -> {
          GuardedExecution guarded = context.getBean(GuardedExecution.class);
          List<Row> rows = new ArrayList<>();
          if (held) {
            for (PlanHold hold : guarded.holds(true, limit)) {
              rows.add(
                  new Row(
                      hold.plan(),
                      hold.createdAt().toString(),
                      hold.actor(),
                      hold.trigger(),
                      -1,
                      hold.status().name(),
                      hold));
            }
          } else {
            PlanRepository plans = context.getBean(PlanRepository.class);
            Transactions transactions = context.getBean(Transactions.class);
            List<StoredPlan> recent = transactions.inTransaction(() -> plans.recent(limit));
            Map<PlanId, PlanHold> holds = new HashMap<>();
            guarded.holds(false, Math.max(limit * 10, 100)).forEach(h -> holds.put(h.plan(), h));
            for (StoredPlan plan : recent) {
              PlanHold hold = holds.get(plan.id());
              rows.add(
                  new Row(
                      plan.id(),
                      plan.createdAt().toString(),
                      plan.actor(),
                      plan.trigger(),
                      plan.plan().size(),
                      hold == null ? "-" : hold.status().name(),
                      hold));
            }
          }
          if (format.json()) {
            Reports.printJson(json(rows), environment.out());
          } else {
            text(rows, environment.out());
          }
          return 0;
        });
  }

  private void text(List<Row> rows, PrintWriter out) {
    if (rows.isEmpty()) {
      out.println(held ? "No plan is held." : "No plan is stored.");
      return;
    }
    for (Row row : rows) {
      out.printf(
          "%s  %s  %-8s %s%s  by %s  (%s)%n",
          row.plan(),
          row.createdAt(),
          row.status(),
          row.operations() < 0 ? "" : row.operations() + " operations",
          row.hold() == null
              ? ""
              : (row.operations() < 0 ? "" : ", ") + row.hold().heldOperations() + " held",
          row.actor(),
          row.trigger());
      PlanHold hold = row.hold();
      if (hold != null) {
        out.println("    held because " + hold.reason());
        if (hold.decidedBy() != null) {
          out.println(
              "    "
                  + hold.status().name().toLowerCase(java.util.Locale.ROOT)
                  + " by "
                  + hold.decidedBy()
                  + " at "
                  + hold.decidedAt()
                  + (hold.decisionReason() == null ? "" : ": " + hold.decisionReason()));
        }
      }
    }
  }

  private static ObjectNode json(List<Row> rows) {
    ObjectNode root = MAPPER.createObjectNode();
    ArrayNode plans = root.putArray("plans");
    for (Row row : rows) {
      ObjectNode item = plans.addObject();
      item.put("plan", row.plan().value());
      item.put("createdAt", row.createdAt());
      item.put("actor", row.actor());
      item.put("trigger", row.trigger());
      if (row.operations() >= 0) {
        item.put("operations", row.operations());
      }
      item.put("status", row.status());
      PlanHold hold = row.hold();
      if (hold != null) {
        item.put("heldAt", hold.heldAt().toString());
        item.put("heldOperations", hold.heldOperations());
        item.put("reason", hold.reason());
        item.put("decidedBy", hold.decidedBy());
        item.put("decidedAt", hold.decidedAt() == null ? null : hold.decidedAt().toString());
        item.put("decisionReason", hold.decisionReason());
      }
    }
    return root;
  }
}
