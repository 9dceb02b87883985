package io.tenure.cli;

import io.tenure.engine.configuration.SourceDefinition;
import io.tenure.engine.provisioning.ImportAndApply;
import io.tenure.engine.provisioning.Provisioning;
import io.tenure.engine.provisioning.Provisioning.Scope;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * {@code tenure apply PLANFILE}: executes exactly a plan saved by {@code tenure plan --out}, like
 * {@code terraform apply PLANFILE}. It is refused, with the reason and exit code {@link
 * TenureCli#PLAN_STALE}, when the day, a source file's content or the store changed since the plan
 * was made, or when the plan made now (in the import's transaction, which is then rolled back)
 * differs from the saved one in any operation or reason. Otherwise the import, the plan and its
 * execution go as for {@code apply --yes}, without asking: the plan was reviewed.
 */
final class SavedPlanApply {

  private final ApplyCommand command;
  private final Path path;
  private final PlanFile saved;

  SavedPlanApply(ApplyCommand command, Path path, PlanFile saved) {
    this.command = command;
    this.path = path;
    this.saved = saved;
  }

  int run() {
    return command.withStore(
        context -> {
          Provisioning provisioning = context.getBean(Provisioning.class);
          if (saved.allowOlder()) {
            provisioning = provisioning.allowingOlderSnapshots();
          }
          List<SourceDefinition> sources = provisioning.sources(saved.source(), saved.file());
          LocalDate today = LocalDate.now(command.clock(command.today).withZone(ZoneOffset.UTC));
          if (!today.equals(saved.today())) {
            return stale(
                "it was made for " + saved.today() + " and today is " + today + " (see --today)");
          }
          String difference = saved.basis().differenceTo(provisioning.basis(sources));
          if (difference != null) {
            return stale(difference);
          }
          Optional<ImportAndApply> stored =
              provisioning.importPlanAndStore(
                  sources,
                  Scope.EVERYBODY,
                  StoreCommand.actor(),
                  "apply " + path.getFileName(),
                  plan -> PlanFile.changesOf(plan).equals(saved.changes()));
          if (stored.isEmpty()) {
            return stale("the plan made now differs from the saved one");
          }
          int code = command.execute(provisioning, stored.get(), true);
          command.reportOutages(context);
          return code;
        });
  }

  private int stale(String reason) {
    command
        .environment
        .err()
        .println(
            "tenure: the saved plan "
                + path
                + " was not applied: "
                + reason
                + ". Nothing was imported or applied; make a new plan with 'tenure plan --out"
                + " FILE'.");
    return TenureCli.PLAN_STALE;
  }
}
