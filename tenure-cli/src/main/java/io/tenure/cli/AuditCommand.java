package io.tenure.cli;

import io.tenure.engine.audit.AuditLog;
import io.tenure.engine.audit.AuditRecord;
import io.tenure.engine.audit.AuditVerification;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tenure audit}: the audit log, newest first, and its hash chain's check. */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    description = {
      "Lists audit events newest first: sequence, time, actor, action, subject, outcome, reason.",
      "With --verify, also recomputes the hash chain and fails (exit 1) if any event was changed"
          + " or removed."
    })
final class AuditCommand extends StoreCommand implements Callable<Integer> {

  @Option(
      names = "--subject",
      paramLabel = "TEXT",
      description = "Only events whose subject contains this text (case-insensitive).")
  @Nullable String subject;

  @Option(
      names = "--limit",
      paramLabel = "N",
      defaultValue = "50",
      description = "At most N events (default 50).")
  int limit = 50;

  @Option(names = "--verify", description = "Verify the whole hash chain.")
  boolean verify;

  @Mixin FormatOption format = new FormatOption();

  AuditCommand(CliEnvironment environment) {
    super(environment);
  }

  private void printVerification(AuditVerification verification) {
    if (verification.intact()) {
      environment
          .out()
          .println(
              "Audit chain intact: "
                  + verification.records()
                  + " records, keyed"
                  + (verification.checkpoint() == null
                      ? "; no checkpoint outside the database yet."
                      : ", up to the checkpoint of record " + verification.checkpoint() + "."));
      return;
    }
    environment.out().println("Audit chain BROKEN:");
    verification.problems().forEach(problem -> environment.out().println("  " + problem));
  }

  @Override
  public Integer call() {
    requireNonNegativeLimit(limit);
    return withApplication(
        null,
        context -> {
          AuditLog audit = context.getBean(AuditLog.class);
          List<AuditRecord> records = audit.recent(subject, limit);
          AuditVerification verification = verify ? audit.verify() : null;
          PersonLabels people = PersonLabels.of(context);
          if (format.json()) {
            Reports.printJson(Reports.auditJson(records, verification, people), environment.out());
          } else {
            Reports.auditText(records, people, environment.out());
            if (verification != null) {
              printVerification(verification);
            }
          }
          return verification != null && !verification.intact() ? 1 : 0;
        });
  }
}
