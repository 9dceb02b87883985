package io.tenure.cli;

import io.tenure.governance.report.ComplianceReports;
import io.tenure.governance.report.ReportName;
import io.tenure.governance.report.ReportRequest;
import io.tenure.governance.report.ReportTable;
import io.tenure.governance.report.ReportWriter;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tenure report NAME}: the reports an auditor asks for, as text, CSV or JSON. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = {
      "Prints a compliance report as text, CSV or JSON. Dates are UTC days; --as-of DATE shows a"
          + " report as it was at the end of that day (access is reconstructed from the audit"
          + " trail).",
      ""
    },
    footerHeading = "%nReports:%n")
final class ReportCommand extends StoreCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "NAME", description = "The report (listed below).")
  String name;

  @Option(
      names = "--as-of",
      paramLabel = "DATE",
      description = "As at the end of this day (YYYY-MM-DD), not now.")
  @Nullable LocalDate asOf;

  @Option(
      names = "--from",
      paramLabel = "DATE",
      description = "changes: the period's first day (default thirty days before --until).")
  @Nullable LocalDate from;

  @Option(
      names = "--until",
      paramLabel = "DATE",
      description = "changes: the day after the period (default the day after --as-of or today).")
  @Nullable LocalDate until;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "text",
      description = "text (default), csv or json.")
  ReportWriter.Format format = ReportWriter.Format.text;

  ReportCommand(CliEnvironment environment) {
    super(environment);
  }

  /** The footer of {@code tenure report --help}: every report, one paragraph each. */
  static String[] reportList() {
    List<String> lines = new ArrayList<>();
    for (ReportName report : ReportName.values()) {
      String first = String.format("  %-24s ", report.cliName());
      StringBuilder line = new StringBuilder(first);
      for (String word : report.description().split(" ")) {
        if (line.length() + word.length() > 100) {
          lines.add(line.toString().stripTrailing());
          line = new StringBuilder(" ".repeat(first.length()));
        }
        line.append(word).append(' ');
      }
      lines.add(line.toString().stripTrailing());
    }
    return lines.stream().map(line -> line.replace("%", "%%")).toArray(String[]::new);
  }

  @Override
  public Integer call() {
    ReportName report = ReportName.of(name);
    ReportRequest request = new ReportRequest(asOf, from, until);
    return withApplication(
        null,
        context -> {
          ReportTable table = context.getBean(ComplianceReports.class).run(report, request);
          ReportWriter.write(table, format, environment.out());
          return TenureCli.SUCCESS;
        });
  }
}
