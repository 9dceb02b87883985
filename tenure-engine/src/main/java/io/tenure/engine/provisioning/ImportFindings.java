package io.tenure.engine.provisioning;

import io.tenure.core.identity.IdentityId;
import io.tenure.core.source.RecordProblem;
import io.tenure.engine.audit.AuditEvent;
import io.tenure.engine.configuration.SourceDefinition;
import io.tenure.engine.ingest.ImportSummary;
import io.tenure.engine.ingest.ManagerReferences;
import io.tenure.engine.ingest.ManagerReferences.UnknownManager;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What an import found that the operator and the audit trail must see beyond its counts: each
 * rejected row, audited as {@code import.row-rejected} with its file, line and reason (quoted
 * values withheld, so no value of the row, a secret say, reaches the audit trail), and each person
 * whose manager id names nobody, warned about with file:line and the unknown id, and kept for
 * {@code person show} ({@link ManagerReferences#warningsOf}).
 */
final class ImportFindings {

  /** The identity attribute that names a person's manager by the source's key. */
  static final String MANAGER_ATTRIBUTE = "managerId";

  /** How many unknown managers are listed one by one per source; the rest are counted. */
  static final int LISTED = 20;

  private static final Pattern QUOTED = Pattern.compile("\"[^\"]*\"");

  private final ImportSafeguards safeguards;

  ImportFindings(ImportSafeguards safeguards) {
    this.safeguards = safeguards;
  }

  /** Audits every row the import rejected (not ambiguous or unmatched rows: audited elsewhere). */
  void auditRejected(SourceDefinition source, ImportSummary summary) {
    if (summary.fileRejected() || summary.rejected() == 0) {
      return;
    }
    for (RecordProblem problem : summary.problems()) {
      if (!rejection(problem)) {
        continue;
      }
      safeguards
          .audit()
          .append(
              new AuditEvent(
                  safeguards.clock().instant(),
                  "hr-import:" + source.name(),
                  "import.row-rejected",
                  "source " + source.name(),
                  withheld(problem),
                  "rejected",
                  Map.of(
                      "source",
                      source.name(),
                      "file",
                      problem.location().file(),
                      "line",
                      Long.toString(problem.location().line()))));
    }
  }

  /**
   * Warns about the people the import created or changed whose manager id names nobody, and, when
   * {@code keep}, replaces the warnings kept about them.
   */
  void checkManagers(
      SourceDefinition source, ImportSummary summary, List<String> warnings, boolean keep) {
    if (summary.fileRejected()
        || summary.changedIdentities().isEmpty()
        || !source.attributes().containsKey(MANAGER_ATTRIBUTE)) {
      return;
    }
    List<UnknownManager> unknown =
        safeguards
            .managers()
            .unknownManagers(
                source.name(), MANAGER_ATTRIBUTE, source.key(), summary.changedIdentities());
    Map<IdentityId, List<String>> kept = new TreeMap<>();
    int listed = 0;
    for (UnknownManager manager : unknown) {
      String warning =
          (manager.location().isEmpty() ? "source " + source.name() : manager.location())
              + ": manager id "
              + manager.managerId()
              + " names nobody (no person has "
              + source.key()
              + " "
              + manager.managerId()
              + ")";
      kept.put(manager.identity(), List.of(warning));
      if (listed++ < LISTED) {
        warnings.add(warning);
      }
    }
    if (unknown.size() > LISTED) {
      warnings.add(
          "source "
              + source.name()
              + ": "
              + (unknown.size() - LISTED)
              + " more people whose manager id names nobody ('tenure audit' and each person's"
              + " page show them)");
    }
    if (keep) {
      safeguards.managers().replaceWarnings(source.name(), summary.changedIdentities(), kept);
    }
  }

  private static boolean rejection(RecordProblem problem) {
    String message = problem.message();
    return !message.endsWith("; nothing was linked") && !message.contains("(unmatched: report)");
  }

  /** The problem as text with every quoted value withheld. */
  static String withheld(RecordProblem problem) {
    return QUOTED.matcher(problem.render()).replaceAll("\"(value withheld)\"");
  }
}
