package io.tenure.cli.demo;

import io.tenure.core.identity.IdentityId;
import io.tenure.core.plan.Operation;
import io.tenure.core.plan.Plan;
import io.tenure.engine.audit.AuditLog;
import io.tenure.engine.audit.AuditRecord;
import io.tenure.engine.execution.ExecutionSummary;
import io.tenure.engine.guard.GuardedPlan;
import io.tenure.engine.identity.IdentityRepository;
import io.tenure.engine.provisioning.ImportAndApply;
import io.tenure.engine.provisioning.ImportAndPlan;
import io.tenure.engine.provisioning.Provisioning;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Tells the demo story against a running Tenure: for each step, moves the clock to the step's day,
 * imports the step's HR snapshot, shows the plan with its reasons (in full for the story's main
 * characters, counted for everybody else), applies it, and shows the main characters' accounts and
 * the directory's groups as the directory now holds them.
 */
public final class DemoStory {

  /** The main characters, by employee id, in the order they are shown. */
  public static final Map<String, String> CHARACTERS = characters();

  private final Provisioning provisioning;
  private final IdentityRepository identities;
  private final AuditLog audit;
  private final SettableClock clock;
  private final DirectoryView directory;
  private final Path snapshots;
  private final String sourceName;
  private final PrintWriter out;

  /**
   * @param snapshots the folder holding the HR snapshots
   * @param sourceName the configured HR source the snapshots feed
   */
  public DemoStory(
      Provisioning provisioning,
      IdentityRepository identities,
      AuditLog audit,
      SettableClock clock,
      DirectoryView directory,
      Path snapshots,
      String sourceName,
      PrintWriter out) {
    this.provisioning = provisioning;
    this.identities = identities;
    this.audit = audit;
    this.clock = clock;
    this.directory = directory;
    this.snapshots = snapshots;
    this.sourceName = sourceName;
    this.out = out;
  }

  /** What one step did. */
  public record StepResult(
      DemoStep step, ImportAndPlan imported, @Nullable ExecutionSummary execution) {

    /** True if the import refused nothing and every operation succeeded. */
    public boolean clean() {
      return !imported.anyFileRejected() && (execution == null || execution.complete());
    }
  }

  /** Runs one step and prints it. */
  public StepResult run(int number, DemoStep step) {
    clock.setDate(step.date());
    Instant started = clock.instant();
    out.println();
    out.println("=".repeat(100));
    out.printf("Step %d, %s: %s%n", number, step.date(), step.title());
    out.println("=".repeat(100));
    step.narrative().forEach(line -> out.println("  " + line));
    out.println();
    ImportAndApply stored =
        provisioning.importPlanAndStore(
            provisioning.sources(sourceName, snapshots.resolve(step.snapshot())),
            Provisioning.Scope.EVERYBODY,
            "demo",
            "demo step " + number);
    ImportAndPlan imported = stored.imported();
    imported
        .imports()
        .forEach(
            summary ->
                out.printf(
                    "HR import of %s: %d rows, %d new, %d changed, %d unchanged, %d rejected%n",
                    step.snapshot(),
                    summary.rowsRead(),
                    summary.created(),
                    summary.updated(),
                    summary.unchanged(),
                    summary.rejected()));
    printLifecycleEvents(started);
    printPlan(imported.plan());
    ExecutionSummary execution = null;
    GuardedPlan applied = provisioning.execute(stored, "demo").applied();
    if (applied != null) {
      execution = applied.execution().orElseThrow();
      out.printf(
          "%nApplied: %d succeeded, %d failed, %d skipped%n",
          execution.succeeded(), execution.failed(), execution.skipped());
    }
    printDirectory();
    return new StepResult(step, imported, execution);
  }

  /** Runs every step of the bundled story. */
  public List<StepResult> runAll() {
    List<StepResult> results = new ArrayList<>();
    List<DemoStep> story = DemoStep.story();
    for (int index = 0; index < story.size(); index++) {
      results.add(run(index + 1, story.get(index)));
    }
    return results;
  }

  private Map<IdentityId, String> characterIds() {
    Map<IdentityId, String> ids = new LinkedHashMap<>();
    CHARACTERS.forEach(
        (employeeId, name) ->
            identities.findByAttribute("employeeId", employeeId).forEach(id -> ids.put(id, name)));
    return ids;
  }

  private void printLifecycleEvents(Instant since) {
    Map<IdentityId, String> characters = characterIds();
    Map<String, Integer> counts = new TreeMap<>();
    List<String> lines = new ArrayList<>();
    for (AuditRecord record : audit.recent("identity ", 5_000)) {
      if (record.event().at().isBefore(since) || !record.event().action().startsWith("identity.")) {
        continue;
      }
      counts.merge(record.event().action().substring("identity.".length()), 1, Integer::sum);
      String subject = record.event().subject().substring("identity ".length());
      String name = characters.get(new IdentityId(subject));
      if (name != null) {
        lines.add(0, "  " + name + ": " + record.event().reason());
      }
    }
    if (counts.isEmpty()) {
      out.println("Lifecycle events: none");
    } else {
      out.println("Lifecycle events: " + counts);
      lines.forEach(out::println);
    }
  }

  private void printPlan(Plan plan) {
    out.println();
    if (plan.isEmpty()) {
      out.println("Plan: nothing to do, every account is as policy says.");
      return;
    }
    out.printf("Plan: %d operations %s%n", plan.size(), plan.countByKind());
    Set<IdentityId> characters = characterIds().keySet();
    int others = 0;
    Set<IdentityId> otherPeople = new java.util.HashSet<>();
    for (Operation operation : plan.operations()) {
      if (operation.owner() != null && characters.contains(operation.owner())) {
        out.println("  " + operation.describe());
        out.println("      because " + operation.reason().render());
      } else {
        others++;
        if (operation.owner() != null) {
          otherPeople.add(operation.owner());
        }
      }
    }
    if (others > 0) {
      out.printf(
          "  ... and %d more operations for %d other people (./tenure plan shows them all)%n",
          others, otherPeople.size());
    }
  }

  private void printDirectory() {
    out.println();
    out.println("The directory now holds:");
    CHARACTERS.forEach(
        (employeeId, name) -> {
          Optional<String> username = usernameOf(employeeId);
          Optional<DirectoryView.AccountView> account = username.flatMap(directory::account);
          if (account.isEmpty()) {
            out.printf("  %-16s no account%n", name);
          } else {
            DirectoryView.AccountView view = account.get();
            out.printf(
                "  %-16s %-10s %-9s groups %s%n",
                name,
                view.uid(),
                view.enabled() ? "enabled" : "DISABLED",
                view.groups().isEmpty() ? "(none)" : String.join(", ", view.groups()));
          }
        });
    DirectoryView.Census census = directory.census();
    out.printf(
        "  %d accounts (%d enabled); group members: %s%n",
        census.accounts(), census.enabled(), census.groupMembers());
  }

  /** The username a character holds on the directory target, if assigned. */
  public Optional<String> usernameOf(String employeeId) {
    return identities.findByAttribute("employeeId", employeeId).stream()
        .findFirst()
        .flatMap(identities::find)
        .flatMap(identity -> identity.usernames().values().stream().findFirst());
  }

  private static Map<String, String> characters() {
    Map<String, String> characters = new LinkedHashMap<>();
    characters.put("E1001", "Alice Martin");
    characters.put("E1002", "Bob Nguyen");
    characters.put("E1003", "Carol Dubois");
    characters.put("E1004", "Dave Okafor");
    characters.put("E1005", "Erin Kowalski");
    characters.put("E1006", "Frank Li");
    characters.put("E1007", "Grace Hopper");
    characters.put("E1010", "李小龍");
    return java.util.Collections.unmodifiableMap(characters);
  }
}
