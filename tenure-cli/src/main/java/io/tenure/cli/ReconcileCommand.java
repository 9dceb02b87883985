package io.tenure.cli;

import io.tenure.core.account.TargetId;
import io.tenure.engine.configuration.TargetDefinition;
import io.tenure.engine.configuration.TenureConfiguration;
import io.tenure.engine.execution.ExecutionSummary;
import io.tenure.engine.reconciliation.Finding;
import io.tenure.engine.reconciliation.FindingQuery;
import io.tenure.engine.reconciliation.FindingRepository;
import io.tenure.engine.reconciliation.ReconcileMode;
import io.tenure.engine.reconciliation.Reconciler;
import io.tenure.engine.reconciliation.ReconciliationReport;
import io.tenure.engine.reconciliation.Situation;
import io.tenure.engine.store.Transactions;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tenure reconcile TARGET}: read every account of a target and compare it with policy. */
@Command(
    name = "reconcile",
    mixinStandardHelpOptions = true,
    description = {
      "Reads every account of the target, correlates each to a person, and classifies it:"
          + " compliant, drifted, missing, unlinked, orphan or ambiguous. The findings are stored"
          + " (see 'tenure findings').",
      "With --policy fix, drift is reverted, missing accounts created, unlinked ones linked and"
          + " orphans disabled, through a stored plan like every other change. Ambiguous accounts"
          + " are never touched."
    })
final class ReconcileCommand extends StoreCommand implements Callable<Integer> {

  /** How many findings the text output lists before pointing to {@code tenure findings}. */
  static final int LISTED = 50;

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "TARGET", description = "The target to reconcile.")
  String target = "";

  @Option(
      names = "--policy",
      paramLabel = "POLICY",
      defaultValue = "report",
      description = "report (default: change nothing) or fix (apply the target's policy).")
  ReconcileMode policy = ReconcileMode.REPORT;

  @Mixin FormatOption format = new FormatOption();

  @Option(
      names = "--changed-since",
      paramLabel = "INSTANT",
      description =
          "Read only the accounts changed at or after this instant (2026-03-02T08:00:00Z) when"
              + " the target can tell (LDAP: modifyTimestamp); findings of other accounts are"
              + " kept, and missing accounts are not looked for.")
  @Nullable Instant changedSince;

  @Option(
      names = "--today",
      paramLabel = "YYYY-MM-DD",
      description = "Reconcile as if today were this date (for testing and replays).")
  @Nullable LocalDate today;

  ReconcileCommand(CliEnvironment environment) {
    super(environment);
  }

  @Override
  public Integer call() {
    return withApplication(
        today,
        context -> {
          TenureConfiguration configuration = context.getBean(TenureConfiguration.class);
          TargetId id = new TargetId(target);
          if (configuration.targets().stream().map(TargetDefinition::id).noneMatch(id::equals)) {
            throw new ParameterException(
                spec.commandLine(),
                "no target named '"
                    + target
                    + "' in the configuration (targets: "
                    + configuration.targets().stream().map(TargetDefinition::id).toList()
                    + ")");
          }
          Reconciler reconciler = context.getBean(Reconciler.class);
          ReconciliationReport report =
              changedSince == null
                  ? reconciler.reconcile(id, policy, actor())
                  : reconciler.reconcileChanges(id, policy, actor(), changedSince);
          if (format.json()) {
            printJson(report, environment.out());
          } else {
            printText(
                report,
                context.getBean(FindingRepository.class),
                context.getBean(Transactions.class),
                PersonLabels.of(context),
                environment.out());
          }
          ExecutionSummary execution = report.execution();
          return execution == null || execution.complete() ? 0 : 1;
        });
  }

  static void printText(
      ReconciliationReport report,
      FindingRepository findings,
      Transactions transactions,
      PersonLabels people,
      PrintWriter out) {
    double seconds =
        Math.max(1, report.finishedAt().toEpochMilli() - report.startedAt().toEpochMilli())
            / 1000.0;
    out.printf(
        Locale.ROOT,
        "Reconciled %s (%s): %d accounts read, %d identities checked, in %.1f s (%.0f accounts/s)%n",
        report.target(),
        report.mode().name().toLowerCase(Locale.ROOT),
        report.accountsRead(),
        report.identitiesChecked(),
        seconds,
        report.accountsPerSecond());
    StringBuilder counts = new StringBuilder();
    for (Situation situation : Situation.values()) {
      counts
          .append(counts.length() == 0 ? "" : ", ")
          .append(situation.name().toLowerCase(Locale.ROOT))
          .append(' ')
          .append(report.count(situation));
    }
    out.println("  " + counts);
    if (report.linked() > 0 || report.forgotten() > 0 || report.plannedOperations() > 0) {
      out.printf(
          "  %d linked, %d stale known accounts forgotten, %d operations planned%n",
          report.linked(), report.forgotten(), report.plannedOperations());
    }
    if (report.execution() != null) {
      Reports.executionText(report.execution(), out);
    }
    long total =
        transactions.inTransaction(
            () -> findings.count(FindingQuery.all().onTarget(report.target())));
    if (total == 0) {
      out.println("No findings: every account is as policy says.");
      return;
    }
    out.println();
    out.println("Findings:");
    transactions.run(
        () -> {
          try (Stream<Finding> stream =
              findings.stream(FindingQuery.all().onTarget(report.target()))) {
            Iterator<Finding> iterator = stream.iterator();
            int listed = 0;
            while (iterator.hasNext() && listed < LISTED) {
              FindingsCommand.printFinding(iterator.next(), out, people);
              listed++;
            }
          }
        });
    if (total > LISTED) {
      out.printf(
          "  ... and %d more: tenure findings --target %s%n", total - LISTED, report.target());
    }
  }

  static void printJson(ReconciliationReport report, PrintWriter out) {
    StringBuilder json = new StringBuilder("{\n");
    json.append("  \"target\": \"").append(report.target()).append("\",\n");
    json.append("  \"mode\": \"").append(report.mode().name()).append("\",\n");
    json.append("  \"startedAt\": \"").append(report.startedAt()).append("\",\n");
    json.append("  \"finishedAt\": \"").append(report.finishedAt()).append("\",\n");
    json.append("  \"accountsRead\": ").append(report.accountsRead()).append(",\n");
    json.append("  \"identitiesChecked\": ").append(report.identitiesChecked()).append(",\n");
    json.append("  \"counts\": {");
    Situation[] situations = Situation.values();
    for (int index = 0; index < situations.length; index++) {
      json.append(index == 0 ? "" : ", ")
          .append('"')
          .append(situations[index].name())
          .append("\": ")
          .append(report.count(situations[index]));
    }
    json.append("},\n");
    json.append("  \"linked\": ").append(report.linked()).append(",\n");
    json.append("  \"forgotten\": ").append(report.forgotten()).append(",\n");
    json.append("  \"plannedOperations\": ").append(report.plannedOperations()).append(",\n");
    ExecutionSummary execution = report.execution();
    if (execution != null) {
      json.append("  \"execution\": {\"plan\": \"")
          .append(execution.plan().value())
          .append("\", \"succeeded\": ")
          .append(execution.succeeded())
          .append(", \"failed\": ")
          .append(execution.failed())
          .append(", \"skipped\": ")
          .append(execution.skipped())
          .append("},\n");
    } else {
      json.append("  \"execution\": null,\n");
    }
    json.append("  \"accountsPerSecond\": ")
        .append(String.format(Locale.ROOT, "%.1f", report.accountsPerSecond()))
        .append("\n}");
    out.println(json);
  }
}
