package io.tenure.engine.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenure.core.source.RecordLocation;
import io.tenure.core.source.RecordProblem;
import io.tenure.engine.configuration.SourceDefinition;
import io.tenure.engine.ingest.ImportSummary;
import io.tenure.engine.testing.Sources;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ImportChecksTest {

  private final SourceDefinition hr = Sources.hr(Path.of("people.csv"));
  private final RecordProblem badDate =
      new RecordProblem(
          new RecordLocation("people.csv", 2),
          "hire_date",
          "\"05/01/2026\" is not a valid date (yyyy-MM-dd)");

  @Test
  void aFileWhoseEveryRowIsRejectedIsAFailureNotAnEmptyPlan() {
    ImportChecks checks = new ImportChecks();
    ImportSummary allRejected =
        new ImportSummary(
            "hr", "people.csv", false, 16, 0, 0, 0, 16, 0, List.of(badDate), Set.of());

    assertThat(checks.check(hr, allRejected, 0)).isFalse();
    assertThat(checks.failures)
        .singleElement()
        .asString()
        .contains("every one of the 16 rows of people.csv was rejected")
        .contains("people.csv:2: column hire_date");
  }

  @Test
  void moreRejectedRowsThanTheSourceAllowsIsAFailure() {
    SourceDefinition strict = hr.withMaxRejectedShare(0.2);
    ImportSummary third =
        new ImportSummary("hr", "people.csv", false, 9, 6, 0, 0, 3, 0, List.of(badDate), Set.of());

    ImportChecks checks = new ImportChecks();
    assertThat(checks.check(strict, third, 0)).isFalse();
    assertThat(checks.failures)
        .singleElement()
        .asString()
        .contains("3 of the 9 rows of people.csv (more than sources.hr.maxRejectedShare 0.2)");
    assertThat(new ImportChecks().check(hr, third, 0)).as("the default: only all rows").isTrue();
  }

  @Test
  void usableCountsTheRejectedShareAgainstTheSourcesLimit() {
    SourceDefinition strict = hr.withMaxRejectedShare(0.2);
    assertThat(ImportChecks.usable(hr, 0, 0)).as("no rows").isTrue();
    assertThat(ImportChecks.usable(hr, 10, 9)).as("the default: only all rows").isTrue();
    assertThat(ImportChecks.usable(hr, 10, 10)).isFalse();
    assertThat(ImportChecks.usable(strict, 10, 2)).as("the share itself").isTrue();
    assertThat(ImportChecks.usable(strict, 10, 3)).isFalse();
    assertThat(ImportChecks.usable(hr.withMaxRejectedShare(0), 10, 1)).isFalse();
    assertThat(ImportChecks.usable(hr.withMaxRejectedShare(0), 10, 0)).isTrue();
  }

  @Test
  void aTruncatedFileWarnsThatNobodyIsDeprovisioned() {
    ImportChecks checks = new ImportChecks();
    ImportSummary truncated =
        new ImportSummary("hr", "people.csv", false, 1, 0, 0, 1, 0, 0, List.of(), Set.of());

    assertThat(checks.check(hr, truncated, 13)).isTrue();
    assertThat(checks.failures).isEmpty();
    assertThat(checks.warnings)
        .singleElement()
        .asString()
        .contains("12 known people are missing from people.csv")
        .contains("nobody is deprovisioned for it");

    ImportChecks few = new ImportChecks();
    ImportSummary oneGone =
        new ImportSummary("hr", "people.csv", false, 99, 0, 0, 99, 0, 0, List.of(), Set.of());
    assertThat(few.check(hr, oneGone, 100)).isTrue();
    assertThat(few.warnings).as("1 of 100 missing is below the 10% share").isEmpty();
  }

  @Test
  void rejectedRowsAreAuditedWithoutTheirValues() {
    assertThat(ImportFindings.withheld(badDate))
        .isEqualTo(
            "people.csv:2: column hire_date: \"(value withheld)\" is not a valid date"
                + " (yyyy-MM-dd)");
  }
}
