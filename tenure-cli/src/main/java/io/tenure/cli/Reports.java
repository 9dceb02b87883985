package io.tenure.cli;

import io.tenure.core.plan.Operation;
import io.tenure.core.plan.OperationKind;
import io.tenure.core.plan.Plan;
import io.tenure.core.plan.PlanOutline;
import io.tenure.core.source.RecordProblem;
import io.tenure.engine.audit.AuditRecord;
import io.tenure.engine.audit.AuditVerification;
import io.tenure.engine.execution.ExecutionSummary;
import io.tenure.engine.execution.OperationCodec;
import io.tenure.engine.execution.OperationState;
import io.tenure.engine.guard.GuardedPlan;
import io.tenure.engine.ingest.ImportSummary;
import io.tenure.engine.provisioning.ImportAndPlan;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** How the commands print imports, plans, executions and audit events, as text and as JSON. */
final class Reports {

  private static final JsonMapper MAPPER = JsonMapper.builder().build();
  private static final OperationCodec CODEC = new OperationCodec(MAPPER);

  private Reports() {}

  // ---- text ---------------------------------------------------------------------------------

  static void importsText(ImportAndPlan result, PrintWriter out) {
    if (result.imports().isEmpty()) {
      return;
    }
    out.println(result.dryRun() ? "Import (dry run: nothing is changed)" : "Import");
    for (ImportSummary summary : result.imports()) {
      if (summary.fileRejected()) {
        out.printf("  %s: %s was refused%n", summary.source(), summary.file());
      } else {
        out.printf(
            "  %s: %s: %d rows: %d new, %d changed, %d unchanged, %d rejected, %d ambiguous%s%n",
            summary.source(),
            summary.file(),
            summary.rowsRead(),
            summary.created(),
            summary.updated(),
            summary.unchanged(),
            summary.rejected(),
            summary.ambiguous(),
            (summary.unmatched() == 0 ? "" : ", " + summary.unmatched() + " unmatched")
                + (summary.disagreements() == 0
                    ? ""
                    : ", "
                        + summary.disagreements()
                        + " new disagreement"
                        + (summary.disagreements() == 1 ? "" : "s")
                        + " between sources (tenure disagreements)"));
      }
      for (RecordProblem problem : summary.problems()) {
        out.println("    " + problem.render());
      }
    }
    out.println();
  }

  /**
   * The plan of an import as text; when a source file was unusable (every row rejected) no plan is
   * shown, since none is stored or applied.
   */
  static void planText(ImportAndPlan result, PrintWriter out) {
    if (!result.failures().isEmpty()) {
      out.println(
          "Plan: none, a source file is unusable (see the errors); nothing is stored or applied.");
      return;
    }
    planText(result.outline(), out);
  }

  /** How many operations a summarised plan shows, before its counts. */
  static final int SHOWN_OF_LARGE_PLAN = 20;

  /**
   * A plan as text from its outline: every operation when the outline holds them all (as {@link
   * #planText(Plan, PrintWriter)}), else the counts per target and kind and the first {@link
   * #SHOWN_OF_LARGE_PLAN} operations, not a line per operation of a huge plan.
   */
  static void planText(PlanOutline outline, PrintWriter out) {
    if (outline.complete()) {
      planText(new Plan(outline.first()), out);
      return;
    }
    out.printf(
        "Plan: %d operations (too many to list; the first %d in plan order)%n",
        outline.size(), SHOWN_OF_LARGE_PLAN);
    out.println();
    for (Operation operation :
        outline.first().subList(0, Math.min(SHOWN_OF_LARGE_PLAN, outline.first().size()))) {
      out.println("    " + operation.describe());
      out.println("        because " + operation.reason().render());
    }
    out.println("    ...");
    out.println();
    outline
        .countByTarget()
        .forEach((target, count) -> out.printf("  %s (%d)%n", target.value(), count));
    out.println();
    out.println("Summary: " + counts(outline.countByKind()));
  }

  static void planText(Plan plan, PrintWriter out) {
    if (plan.isEmpty()) {
      out.println("Plan: nothing to do, every account is as policy says.");
      return;
    }
    out.printf("Plan: %d operation%s%n", plan.size(), plan.size() == 1 ? "" : "s");
    Map<String, List<Operation>> byTarget = new TreeMap<>();
    for (Operation operation : plan.operations()) {
      byTarget.computeIfAbsent(operation.target().value(), key -> new ArrayList<>()).add(operation);
    }
    byTarget.forEach(
        (target, operations) -> {
          out.printf("%n  %s (%d)%n", target, operations.size());
          for (Operation operation : operations) {
            out.println("    " + operation.describe());
            out.println("        because " + operation.reason().render());
          }
        });
    out.println();
    out.println("Summary: " + counts(plan));
  }

  static String counts(Plan plan) {
    return counts(plan.countByKind());
  }

  static String counts(Map<OperationKind, Integer> countByKind) {
    List<String> parts = new ArrayList<>();
    countByKind.forEach((kind, count) -> parts.add(count + " " + kindName(kind)));
    return String.join(", ", parts);
  }

  static String kindName(OperationKind kind) {
    return kind.name().toLowerCase(Locale.ROOT).replace('_', ' ');
  }

  static void executionText(ExecutionSummary summary, PrintWriter out) {
    out.printf(
        "Applied plan %s: %d succeeded, %d failed, %d skipped%s%n",
        summary.plan(),
        summary.succeeded(),
        summary.failed(),
        summary.skipped(),
        summary.held() == 0 ? "" : ", " + summary.held() + " held by the brake");
    failuresText(summary, out);
  }

  private static void failuresText(ExecutionSummary summary, PrintWriter out) {
    for (ExecutionSummary.Failure failure : summary.failures()) {
      out.printf(
          "  failed: %s (operation %s): %s%n",
          failure.description(),
          failure.operation(),
          failure.outcome().note().orElse(failure.outcome().state().name()));
    }
  }

  /** Says how many planned operations earlier plans had queued already (nothing if none). */
  static void alreadyQueuedText(GuardedPlan stored, PrintWriter out) {
    long count =
        stored.alreadyQueued().stream()
            .filter(operation -> operation.state() != OperationState.PARKED)
            .count();
    if (count > 0) {
      out.printf(
          "%d %s already queued from earlier plans; working them%n",
          count, count == 1 ? "operation" : "operations");
    }
  }

  /** What came of the operations earlier plans had queued already (nothing if none). */
  static void alreadyQueuedOutcomeText(GuardedPlan applied, PrintWriter out) {
    long parked =
        applied.alreadyQueued().stream()
            .filter(operation -> operation.state() == OperationState.PARKED)
            .count();
    if (parked > 0) {
      out.printf(
          "%d operations parked by earlier runs still wait for an operator"
              + " (tenure operations --state parked; retry or discard them)%n",
          parked);
    }
    applied
        .alreadyQueuedExecution()
        .ifPresent(
            summary -> {
              out.printf(
                  "Already queued from earlier plans: %d succeeded, %d failed, %d not run%n",
                  summary.succeeded(), summary.failed(), summary.skipped() + summary.held());
              failuresText(summary, out);
            });
  }

  /**
   * True if the command failed: a source file was refused, an operation failed, or one was skipped
   * for another reason than the brake holding it; also when an operation earlier plans had queued
   * already (and this plan relied on) failed. Held operations wait for an operator: no failure.
   */
  static boolean failed(ImportAndPlan result, @Nullable GuardedPlan applied) {
    if (result.anyFileRejected()) {
      return true;
    }
    if (applied == null) {
      return false;
    }
    ExecutionSummary summary = applied.execution().orElse(null);
    if (summary != null && (summary.failed() > 0 || summary.skipped() > 0)) {
      return true;
    }
    return applied.alreadyQueuedExecution().map(earlier -> earlier.failed() > 0).orElse(false);
  }

  /**
   * The exit code of an import, plan or apply: {@link TenureCli#FAILURE} if it {@link #failed},
   * {@link TenureCli#HELD} if the brake holds operations, {@link TenureCli#WARNINGS} if rows were
   * rejected or there are warnings, else {@link TenureCli#SUCCESS}.
   */
  static int exitCode(ImportAndPlan result, @Nullable GuardedPlan applied) {
    if (failed(result, applied)) {
      return TenureCli.FAILURE;
    }
    if (applied != null && applied.held()) {
      return TenureCli.HELD;
    }
    return result.anyWarning() ? TenureCli.WARNINGS : TenureCli.SUCCESS;
  }

  /** Says each failure and warning of the imports on {@code err}, loudly (nothing if none). */
  static void problemsText(ImportAndPlan result, PrintWriter err) {
    for (String failure : result.failures()) {
      err.println("tenure: FAILED: " + failure);
    }
    for (String warning : result.warnings()) {
      err.println("tenure: WARNING: " + warning);
    }
    err.flush();
  }

  static void auditText(List<AuditRecord> records, PersonLabels people, PrintWriter out) {
    if (records.isEmpty()) {
      out.println("No audit events.");
      return;
    }
    for (AuditRecord record : records) {
      var event = record.event();
      out.printf(
          "%6d  %s  %-14s  %-28s  %-30s  %-8s  %s%n",
          record.sequence(),
          event.at(),
          event.actor(),
          event.action(),
          event.subject() + people.suffix(PersonLabels.personOf(event.subject())),
          event.outcome(),
          event.reason());
    }
  }

  // ---- JSON ---------------------------------------------------------------------------------

  static ObjectNode resultJson(ImportAndPlan result, @Nullable ExecutionSummary execution) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("dryRun", result.dryRun());
    ArrayNode imports = root.putArray("imports");
    for (ImportSummary summary : result.imports()) {
      ObjectNode item = imports.addObject();
      item.put("source", summary.source());
      item.put("file", summary.file());
      item.put("fileRejected", summary.fileRejected());
      item.put("rowsRead", summary.rowsRead());
      item.put("created", summary.created());
      item.put("updated", summary.updated());
      item.put("unchanged", summary.unchanged());
      item.put("rejected", summary.rejected());
      item.put("ambiguous", summary.ambiguous());
      item.put("unmatched", summary.unmatched());
      item.put("disagreements", summary.disagreements());
      ArrayNode problems = item.putArray("problems");
      summary.problems().forEach(problem -> problems.add(problem.render()));
    }
    ArrayNode failuresOfImports = root.putArray("failures");
    result.failures().forEach(failuresOfImports::add);
    ArrayNode warnings = root.putArray("warnings");
    result.warnings().forEach(warnings::add);
    ObjectNode plan = root.putObject("plan");
    PlanOutline outline = result.outline();
    plan.put("size", outline.size());
    ObjectNode counts = plan.putObject("counts");
    outline.countByKind().forEach((kind, count) -> counts.put(kind.name(), count));
    // every operation, but of a plan too large to hold: its first ones, and "complete": false
    plan.put("complete", outline.complete());
    ArrayNode operations = plan.putArray("operations");
    outline.first().forEach(operation -> operations.add(CODEC.toTree(operation)));
    if (execution != null) {
      ObjectNode applied = root.putObject("execution");
      applied.put("plan", execution.plan().value());
      applied.put("succeeded", execution.succeeded());
      applied.put("failed", execution.failed());
      applied.put("skipped", execution.skipped());
      applied.put("held", execution.held());
      ArrayNode failures = applied.putArray("failures");
      for (ExecutionSummary.Failure failure : execution.failures()) {
        ObjectNode item = failures.addObject();
        item.put("operation", failure.operation().value());
        item.put("description", failure.description());
        item.put("state", failure.outcome().state().name());
        var kind = failure.outcome().errorKind();
        item.put("errorKind", kind == null ? null : kind.name());
        item.put("message", failure.outcome().message());
      }
    }
    return root;
  }

  /** Adds how many planned operations were already queued, and what came of them. */
  static void alreadyQueuedJson(GuardedPlan applied, ObjectNode root) {
    root.put("alreadyQueued", applied.alreadyQueued().size());
    applied
        .alreadyQueuedExecution()
        .ifPresent(
            summary -> {
              ObjectNode earlier = root.putObject("alreadyQueuedExecution");
              earlier.put("succeeded", summary.succeeded());
              earlier.put("failed", summary.failed());
              earlier.put("skipped", summary.skipped());
              earlier.put("held", summary.held());
            });
  }

  static ObjectNode auditJson(
      List<AuditRecord> records, @Nullable AuditVerification verification, PersonLabels people) {
    ObjectNode root = MAPPER.createObjectNode();
    if (verification != null) {
      root.put("intact", verification.intact());
      if (verification.firstBroken() >= 0) {
        root.put("brokenAt", verification.firstBroken());
      }
      root.put("records", verification.records());
      if (verification.checkpoint() != null) {
        root.put("checkpoint", verification.checkpoint());
      }
      ArrayNode problems = root.putArray("problems");
      verification.problems().forEach(problems::add);
    }
    ArrayNode events = root.putArray("events");
    for (AuditRecord record : records) {
      var event = record.event();
      ObjectNode item = events.addObject();
      item.put("sequence", record.sequence());
      item.put("at", event.at().toString());
      item.put("actor", event.actor());
      item.put("action", event.action());
      item.put("subject", event.subject());
      String person = people.label(PersonLabels.personOf(event.subject()));
      if (person != null) {
        item.put("person", person);
      }
      item.put("outcome", event.outcome());
      item.put("reason", event.reason());
      ObjectNode details = item.putObject("details");
      event.details().forEach(details::put);
      item.put("hash", record.hash());
    }
    return root;
  }

  /** An empty JSON object for a command's output. */
  static ObjectNode newObject() {
    return MAPPER.createObjectNode();
  }

  static void printJson(ObjectNode node, PrintWriter out) {
    out.println(MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node));
  }
}
