package io.tenure.source.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tenure.core.identity.EmploymentStatus;
import io.tenure.core.source.RecordProblem;
import io.tenure.engine.configuration.JdbcSourceSettings;
import io.tenure.engine.configuration.LifecycleColumns;
import io.tenure.engine.configuration.SourceDefinition;
import io.tenure.engine.ingest.SourceFileException;
import io.tenure.engine.ingest.SourceRead;
import io.tenure.engine.ingest.SourceReaders;
import io.tenure.engine.ingest.SourceRow;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What a {@code jdbc} source reads from a real database: rows mapped like CSV rows, bad rows named
 * {@code table:key}, typed date columns, incremental reads by a watermark column, and refusals of
 * the whole table. Each database runs it on a scratch database of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JdbcSourceContract {

  private ScratchDatabase database;

  /** A scratch database on the server under test. */
  protected abstract ScratchDatabase create() throws Exception;

  /** The type of a timestamp column on that server. */
  protected abstract String timestampType();

  @BeforeAll
  void createTable() throws Exception {
    database = create();
    database.execute(
        "CREATE TABLE hr_people (employee_id VARCHAR(20), first_name VARCHAR(50),"
            + " last_name VARCHAR(50), department VARCHAR(50), status VARCHAR(20), hired DATE,"
            + " left_on DATE, updated_at "
            + timestampType()
            + ")",
        "INSERT INTO hr_people VALUES"
            + " ('E1', 'Ada', 'Lovelace', 'Engineering', 'active', '2024-01-15', NULL,"
            + " '2026-03-01 08:00:00'),"
            + " ('E2', 'Bob', 'Baker', 'Sales', 'leave', '2023-05-02', NULL, '2026-03-01 08:00:01'),"
            + " ('E3', 'Cy', 'Cole', 'Sales', 'retired', '2020-01-01', NULL, '2026-03-01 08:00:02'),"
            + " ('E1', 'Eve', 'Twin', 'Sales', 'active', '2024-01-15', NULL, '2026-03-01 08:00:03'),"
            + " (NULL, 'No', 'Key', 'Sales', 'active', '2024-01-15', NULL, '2026-03-01 08:00:04')");
  }

  @AfterAll
  void dropDatabase() throws Exception {
    if (database != null) {
      database.close();
    }
  }

  private SourceDefinition source(String table, @Nullable String watermark) {
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("employeeId", "employee_id");
    attributes.put("givenName", "first_name");
    attributes.put("displayName", "first_name + ' ' + last_name");
    attributes.put("department", "department");
    return new SourceDefinition(
            "hr",
            JdbcSourceReaderFactory.TYPE,
            Path.of(""),
            "employeeId",
            List.of(),
            attributes,
            Set.of("givenName"),
            new LifecycleColumns(
                "status", LifecycleColumns.defaultStatusValues(), "hired", "left_on", "yyyy-MM-dd"),
            StandardCharsets.UTF_8)
        .withConnection(
            JdbcSourceReaderFactory.TYPE,
            new JdbcSourceSettings(database.url, null, null, table, watermark));
  }

  private static List<SourceRow> rows(SourceRead read) {
    try (read) {
      return read.rows().toList();
    }
  }

  private static SourceRead open(SourceDefinition source, Optional<String> checkpoint) {
    return SourceReaders.load().readerOf(source).open(source, checkpoint);
  }

  @Test
  void rowsAreMappedAndBadRowsNameTheTableAndTheirKey() {
    List<SourceRow> rows = rows(open(source("hr_people", null), Optional.empty()));

    assertThat(rows).hasSize(5);
    SourceRow ada =
        rows.stream()
            .filter(row -> row.location().toString().equals("hr_people:E1"))
            .findFirst()
            .orElseThrow();
    assertThat(ada.record().attributes())
        .containsEntry("displayName", "Ada Lovelace")
        .containsEntry("department", "Engineering");
    assertThat(ada.record().employment().start()).contains(LocalDate.of(2024, 1, 15));
    assertThat(
            rows.stream()
                .filter(SourceRow::isAccepted)
                .map(row -> row.record().employment().status()))
        .contains(EmploymentStatus.LEAVE);
    assertThat(rows.stream().flatMap(row -> row.problems().stream()).map(RecordProblem::render))
        .containsExactlyInAnyOrder(
            "hr_people:E3: column status: \"retired\" is not a known status (expected one of"
                + " active, leave, terminated)",
            "hr_people:E1: column employee_id: duplicate employeeId \"E1\": already read; the"
                + " first record is used",
            "hr_people:row 5: column employee_id: the key attribute employeeId is empty");
  }

  @Test
  void aWatermarkReadsOnlyWhatChangedSinceTheLastCompleteRead() throws Exception {
    database.execute(
        "CREATE TABLE staff AS SELECT * FROM hr_people WHERE employee_id IN ('E2', 'E3')",
        "INSERT INTO staff VALUES ('E4', 'Dee', 'Dale', 'Support', 'active', '2025-01-01', NULL,"
            + " '2026-03-02 09:00:00')");
    SourceDefinition staff = source("staff", "updated_at");

    SourceRead first = open(staff, Optional.empty());
    assertThat(rows(first)).hasSize(3);
    assertThat(first.incremental()).isFalse();
    Optional<String> checkpoint = first.checkpoint();
    assertThat(checkpoint).contains("TIMESTAMP:2026-03-02T09:00");

    database.execute(
        "UPDATE staff SET department = 'Finance', updated_at = '2026-03-03 10:00:00'"
            + " WHERE employee_id = 'E2'",
        "INSERT INTO staff VALUES ('E5', 'Eli', 'Eng', 'Sales', 'active', '2026-04-01', NULL,"
            + " '2026-03-03 10:00:00')");
    SourceRead second = open(staff, checkpoint);
    List<SourceRow> changed = rows(second);

    assertThat(second.incremental()).isTrue();
    assertThat(changed)
        .extracting(row -> row.location().toString())
        .as("the row at the previous watermark is read again, then the changed ones")
        .containsExactly("staff:E4", "staff:E2", "staff:E5");
    assertThat(changed.get(1).record().attributes()).containsEntry("department", "Finance");
    assertThat(second.checkpoint()).contains("TIMESTAMP:2026-03-03T10:00");

    SourceRead nothingNew = open(staff, second.checkpoint());
    assertThat(rows(nothingNew)).hasSize(2);
    assertThat(nothingNew.checkpoint()).isEqualTo(second.checkpoint());
  }

  @Test
  void aTableLackingAConfiguredColumnOrAnUnreachableServerIsRefusedAsAWhole() throws Exception {
    database.execute("CREATE TABLE thin (employee_id VARCHAR(20), first_name VARCHAR(50))");
    assertThatThrownBy(() -> open(source("thin", null), Optional.empty()))
        .isInstanceOf(SourceFileException.class)
        .hasMessageContaining("table thin: lacks the configured columns")
        .hasMessageContaining("department");
    assertThatThrownBy(() -> open(source("missing_table", null), Optional.empty()))
        .isInstanceOf(SourceFileException.class)
        .hasMessageStartingWith("table missing_table: cannot be read: ");

    SourceDefinition unreachable =
        source("hr_people", null)
            .withConnection(
                JdbcSourceReaderFactory.TYPE,
                new JdbcSourceSettings(
                    database.url.replaceFirst(":\\d+/", ":1/"),
                    "tenure",
                    "s3cret",
                    "hr_people",
                    null));
    assertThatThrownBy(() -> open(unreachable, Optional.empty()))
        .isInstanceOf(SourceFileException.class)
        .hasMessageStartingWith("table hr_people: cannot connect to jdbc:")
        .hasMessageNotContaining("s3cret");
  }
}
