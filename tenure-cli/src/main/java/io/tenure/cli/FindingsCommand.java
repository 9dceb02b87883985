package io.tenure.cli;

import io.tenure.core.account.TargetId;
import io.tenure.engine.reconciliation.Finding;
import io.tenure.engine.reconciliation.FindingExport;
import io.tenure.engine.reconciliation.FindingQuery;
import io.tenure.engine.reconciliation.FindingRepository;
import io.tenure.engine.reconciliation.Situation;
import io.tenure.engine.store.Transactions;
import java.io.PrintWriter;
import java.util.Iterator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tenure findings}: list or export what the latest reconciliations found. */
@Command(
    name = "findings",
    mixinStandardHelpOptions = true,
    description = {
      "Lists the findings of the latest reconciliation of each target (compliant accounts are"
          + " counted by 'tenure reconcile', not listed), as text, JSON or CSV."
    })
final class FindingsCommand extends StoreCommand implements Callable<Integer> {

  /** The formats of this command. */
  enum FindingsFormat {
    text,
    json,
    csv
  }

  @Option(names = "--target", paramLabel = "TARGET", description = "Only this target's findings.")
  @Nullable String target;

  @Option(
      names = "--situation",
      paramLabel = "SITUATION",
      description = "Only this situation: drifted, missing, unlinked, orphan or ambiguous.")
  @Nullable Situation situation;

  @Option(
      names = "--terminated-enabled",
      description = "Only terminated people whose accounts are still enabled.")
  boolean terminatedEnabled;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "text",
      description = "text (default), json or csv.")
  FindingsFormat format = FindingsFormat.text;

  FindingsCommand(CliEnvironment environment) {
    super(environment);
  }

  @Override
  public Integer call() {
    return withApplication(
        null,
        context -> {
          FindingRepository findings = context.getBean(FindingRepository.class);
          Transactions transactions = context.getBean(Transactions.class);
          FindingQuery query =
              new FindingQuery(
                  target == null ? null : new TargetId(target), situation, terminatedEnabled);
          PrintWriter out = environment.out();
          transactions.run(
              () -> {
                try (Stream<Finding> stream = findings.stream(query)) {
                  switch (format) {
                    case csv -> FindingExport.csv(stream, out);
                    case json -> FindingExport.json(stream, out);
                    case text -> printText(stream, out, context);
                  }
                }
              });
          out.flush();
          return 0;
        });
  }

  private static void printText(
      Stream<Finding> stream, PrintWriter out, ConfigurableApplicationContext context) {
    Iterator<Finding> iterator = stream.iterator();
    if (!iterator.hasNext()) {
      out.println("No findings.");
      return;
    }
    PersonLabels people = PersonLabels.of(context);
    while (iterator.hasNext()) {
      printFinding(iterator.next(), out, people);
    }
  }

  static void printFinding(Finding finding, PrintWriter out, PersonLabels people) {
    out.printf(
        "  %-9s  %s/%s  %s%s%n",
        finding.situation(),
        finding.target(),
        finding.username(),
        finding.action(),
        finding.owner() == null
            ? ""
            : "  owner "
                + finding.owner()
                + people.suffix(finding.owner().value())
                + (finding.ownerState() == null ? "" : " (" + finding.ownerState() + ")"));
    out.println("      " + finding.detail());
    for (String difference : finding.differences()) {
      out.println("      " + difference);
    }
  }
}
