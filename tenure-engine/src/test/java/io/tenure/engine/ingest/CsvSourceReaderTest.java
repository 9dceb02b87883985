package io.tenure.engine.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tenure.core.identity.EmploymentStatus;
import io.tenure.core.source.RecordLocation;
import io.tenure.core.source.RecordProblem;
import io.tenure.core.source.SourceRecord;
import io.tenure.engine.testing.Sources;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvSourceReaderTest {

  @TempDir Path folder;

  private static final String HOSTILE =
      Sources.HEADER
          + "E1,Zoë,Łukasiewicz-Ørsted,zoe@example.com,Engineering,active,2024-01-15,\n" // 2
          + "E2,John,Smith,john@example.com,Sales,Active,2024-02-01,\n" // 3
          + "E3,John,Smith,john.smith2@example.com,Sales,ACTIVE,2024-02-01,\n" // 4
          + "E4,太郎,山田,taro@example.com,営業,leave,2023-04-01,\n" // 5
          + "E5,\"Smith, Jr.\",\"O\"\"Brien\",ob@example.com,\"R&D, \"\"Labs\"\"\",active,2024-03-01,\n" // 6
          + "E6,\"*)(uid=*\",admin)(|(cn=*,x@example.com,Engineering,active,2024-03-01,\n" // 7
          + "E7,\"Multi\nLine\",Name,ml@example.com,Eng,active,2024-01-01,\n" // 8-9
          + "E2,Jane,Dup,jane@example.com,Sales,active,2024-01-01,\n" // 10
          + "E8,Bad,Date,bd@example.com,Sales,active,2026-02-30,\n" // 11
          + "E9,Euro,Date,ed@example.com,Sales,active,31/12/2026,\n" // 12
          + "E10,,NoFirst,nf@example.com,Sales,active,2024-01-01,\n" // 13
          + "E11,Bad,Status,bs@example.com,Sales,retired,2024-01-01,\n" // 14
          + "E12,Too,Few\n" // 15
          + ",No,Key,nk@example.com,Sales,active,2024-01-01,\n" // 16
          + "E13,Ends,Later,el@example.com,Sales,terminated,2020-01-01,2026-02-31\n" // 17
          + "\n" // 18
          + "E14,After,Blank,ab@example.com,Sales,active,2024-01-01,2025-12-31\n"; // 19

  @Test
  void acceptsHostileButValidRowsAndRejectsEachBadRowWithFileLineAndColumn() throws IOException {
    List<SourceRow> rows = readAll(write("people.csv", HOSTILE));

    Map<Long, SourceRecord> accepted =
        rows.stream()
            .filter(SourceRow::isAccepted)
            .collect(Collectors.toMap(row -> row.location().line(), row -> row.record()));
    assertThat(accepted).containsOnlyKeys(2L, 3L, 4L, 5L, 6L, 7L, 8L, 19L);
    assertThat(accepted.get(2L).attributes())
        .containsEntry("givenName", "Zoë")
        .containsEntry("familyName", "Łukasiewicz-Ørsted")
        .containsEntry("displayName", "Zoë Łukasiewicz-Ørsted");
    assertThat(accepted.get(3L).attributes()).containsEntry("employeeId", "E2");
    assertThat(accepted.get(3L).employment().status()).isEqualTo(EmploymentStatus.ACTIVE);
    assertThat(accepted.get(4L).attributes()).containsEntry("givenName", "John");
    assertThat(accepted.get(5L).attributes())
        .containsEntry("givenName", "太郎")
        .containsEntry("department", "営業");
    assertThat(accepted.get(5L).employment().status()).isEqualTo(EmploymentStatus.LEAVE);
    assertThat(accepted.get(6L).attributes())
        .containsEntry("givenName", "Smith, Jr.")
        .containsEntry("familyName", "O\"Brien")
        .containsEntry("department", "R&D, \"Labs\"");
    assertThat(accepted.get(7L).attributes())
        .containsEntry("givenName", "*)(uid=*")
        .containsEntry("familyName", "admin)(|(cn=*");
    assertThat(accepted.get(8L).attributes()).containsEntry("givenName", "Multi\nLine");
    assertThat(accepted.get(19L).employment().endDate()).isEqualTo(LocalDate.of(2025, 12, 31));
    assertThat(accepted.get(19L).location()).isEqualTo(new RecordLocation("people.csv", 19));

    List<RecordProblem> problems = rows.stream().flatMap(row -> row.problems().stream()).toList();
    assertThat(problems)
        .containsExactly(
            problem(
                10,
                "employee_id",
                "duplicate employeeId \"E2\": already on line 3; the first row is used"),
            problem(11, "start_date", "\"2026-02-30\" is not a valid date (yyyy-MM-dd)"),
            problem(12, "start_date", "\"31/12/2026\" is not a valid date (yyyy-MM-dd)"),
            problem(13, "first_name", "the required attribute givenName is empty"),
            problem(
                14,
                "status",
                "\"retired\" is not a known status (expected one of active, leave, terminated)"),
            problem(15, null, "the row has 3 fields but the header has 8"),
            problem(16, "employee_id", "the key attribute employeeId is empty"),
            problem(17, "end_date", "\"2026-02-31\" is not a valid date (yyyy-MM-dd)"));
    assertThat(
            rows.stream()
                .filter(row -> row.location().line() == 10)
                .findFirst()
                .orElseThrow()
                .key())
        .isEqualTo("E2");
  }

  @Test
  void countsLinesOfWindowsLineEndsAndQuotedLineBreaksAndIgnoresAByteOrderMark()
      throws IOException {
    String content =
        "\uFEFF"
            + Sources.HEADER.replace("\n", "\r\n")
            + "E1,\"Two\r\nLines\",A,a@example.com,Sales,active,2024-01-01,\r\n" // 2-3
            + "E2,B,B,b@example.com,Sales,active,2024-01-32,\r\n" // 4
            + "E3,\"Three\r\nof\r\nthem\",C,c@example.com,Sales,active,2024-01-01,\r\n" // 5-7
            + "E4,D,D,d@example.com,Sales,active,2024-13-01,\r\n"; // 8
    List<SourceRow> rows = readAll(write("windows.csv", content));

    assertThat(rows).extracting(row -> row.location().line()).containsExactly(2L, 4L, 5L, 8L);
    assertThat(rows).extracting(SourceRow::isAccepted).containsExactly(true, false, true, false);
    assertThat(rows.get(3).problems())
        .containsExactly(
            new RecordProblem(
                new RecordLocation("windows.csv", 8),
                "start_date",
                "\"2024-13-01\" is not a valid date (yyyy-MM-dd)"));
  }

  @Test
  void aHeaderLackingConfiguredColumnsRejectsTheWholeFileNamingThem() throws IOException {
    Path file =
        write(
            "short.csv",
            "employee_id,first_name,email,department,start_date,end_date\n"
                + "E1,A,a@example.com,Sales,2024-01-01,\n");

    assertThatThrownBy(() -> readAll(file))
        .isInstanceOfSatisfying(
            SourceFileException.class,
            e -> {
              assertThat(e.problem().location()).isEqualTo(new RecordLocation("short.csv", 1));
              assertThat(e.problem().column()).isNull();
              assertThat(e.problem().message())
                  .startsWith("the header lacks the configured columns last_name, status");
            });
  }

  @Test
  void anUnterminatedQuoteEndsTheFileWithAProblemAtItsLine() throws IOException {
    Path file =
        write(
            "broken.csv",
            Sources.HEADER
                + "E1,A,A,a@example.com,Sales,active,2024-01-01,\n"
                + "E2,\"never closed,B,b@example.com,Sales,active,2024-01-01,\n"
                + "E3,C,C,c@example.com,Sales,active,2024-01-01,\n");
    List<SourceRow> rows = readAll(file);

    assertThat(rows).hasSize(2);
    assertThat(rows.get(0).isAccepted()).isTrue();
    assertThat(rows.get(1).problems()).hasSize(1);
    assertThat(rows.get(1).problems().get(0).location())
        .isEqualTo(new RecordLocation("broken.csv", 3));
    assertThat(rows.get(1).problems().get(0).message()).startsWith("the file cannot be parsed");
  }

  @Test
  void aMissingFileIsAFileProblem() {
    assertThatThrownBy(() -> readAll(folder.resolve("absent.csv")))
        .isInstanceOf(SourceFileException.class)
        .hasMessageStartingWith("absent.csv:1: cannot read the file");
  }

  private static RecordProblem problem(long line, String column, String message) {
    return new RecordProblem(new RecordLocation("people.csv", line), column, message);
  }

  private Path write(String name, String content) throws IOException {
    Path file = folder.resolve(name);
    Files.writeString(file, content, StandardCharsets.UTF_8);
    return file;
  }

  private static List<SourceRow> readAll(Path file) {
    try (Stream<SourceRow> rows = new CsvSourceReader(Sources.hr(file)).read()) {
      return rows.toList();
    }
  }
}
