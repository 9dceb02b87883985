package io.tenure.engine.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tenure.core.source.AttributeAuthority;
import io.tenure.core.source.RecordLocation;
import io.tenure.core.source.RecordProblem;
import io.tenure.core.source.SourceRecord;
import io.tenure.engine.configuration.LifecycleSettings;
import io.tenure.engine.configuration.SourceDefinition;
import io.tenure.engine.testing.CountingTransactions;
import io.tenure.engine.testing.InMemoryAuditLog;
import io.tenure.engine.testing.InMemoryIdentityRepository;
import io.tenure.engine.testing.MutableClock;
import io.tenure.engine.testing.SequentialIds;
import io.tenure.engine.testing.Sources;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One bad byte never stops an import: a NUL, another control character, or a byte sequence that is
 * not valid in the file's encoding rejects the row that holds it, naming file, line and column; the
 * other rows are read. The encoding is the source's.
 */
class CsvSourceBytesTest {

  @TempDir Path folder;

  private static final Charset LATIN_1 = StandardCharsets.ISO_8859_1;
  private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

  /** Valid rows of the people numbered {@code from} to {@code to}, one line each. */
  private static String people(int from, int to) {
    StringBuilder rows = new StringBuilder();
    for (int number = from; number <= to; number++) {
      rows.append("E")
          .append(number)
          .append(",First")
          .append(number)
          .append(",Last")
          .append(number)
          .append(",p")
          .append(number)
          .append("@example.com,Sales,active,2024-01-01,\n");
    }
    return rows.toString();
  }

  @Test
  void aNulInOneRowRejectsThatRowNamingFileLineAndColumnAndKeepsTheOthers() throws IOException {
    Path file =
        write(
            "people.csv",
            bytes(
                Sources.HEADER
                    + "E1,Alice,Archer,alice@example.com,Sales,active,2024-01-01,\n"
                    + "E2,John,Sm\u0000ith,john@example.com,Sales,active,2024-01-01,\n"
                    + "E3,Mia,Moss,mia@example.com,Sales,active,2024-01-01,\n",
                StandardCharsets.UTF_8));

    List<SourceRow> rows = readAll(Sources.hr(file));

    assertThat(rows).extracting(SourceRow::isAccepted).containsExactly(true, false, true);
    assertThat(rows.get(1).problems())
        .extracting(RecordProblem::render)
        .containsExactly("people.csv:3: column last_name: contains a NUL character (U+0000)");
    assertThat(rows.get(1).key()).as("whose row it was").isEqualTo("E2");
  }

  @Test
  void controlCharactersOtherThanTabAndLineBreaksNeverReachAnAttribute() throws IOException {
    Path file =
        write(
            "people.csv",
            bytes(
                Sources.HEADER
                    + "E1,Alice\u001B[31m,Archer,alice@example.com,Sales,active,2024-01-01,\n" // 2
                    + "E2,John,Smith,john@example.com,Sa\u0007les,active,2024-01-01,\n" // 3
                    + "E3,Mia,Moss\u007F,mia@example.com,Sales,active,2024-01-01,\n" // 4
                    + "E4,Ned,Nash,ned@example.com,Sales,act\u0085ive,2024-01-01,\n" // 5
                    + "E5,\"Tab\there\",\"Two\nlines\",t@example.com,Sales,active,2024-01-01,\n"
                    + "E6\u0000,Key,Nul,k@example.com,Sales,active,2024-01-01,\n", // 8
                StandardCharsets.UTF_8));

    List<SourceRow> rows = readAll(Sources.hr(file));

    assertThat(rows)
        .extracting(row -> row.location().line())
        .containsExactly(2L, 3L, 4L, 5L, 6L, 8L);
    assertThat(rows)
        .extracting(SourceRow::isAccepted)
        .containsExactly(false, false, false, false, true, false);
    assertThat(rows.stream().flatMap(row -> row.problems().stream()))
        .extracting(RecordProblem::render)
        .containsExactly(
            "people.csv:2: column first_name: contains the control character U+001B",
            "people.csv:3: column department: contains the control character U+0007",
            "people.csv:4: column last_name: contains the control character U+007F",
            "people.csv:5: column status: contains the control character U+0085",
            "people.csv:8: column employee_id: contains a NUL character (U+0000)");
    assertThat(rows.get(4).record().attributes())
        .containsEntry("givenName", "Tab\there")
        .containsEntry("familyName", "Two\nlines");
    assertThat(rows.get(5).key()).as("an unusable key names nobody").isNull();
  }

  @Test
  void aColumnThatFeedsNothingIsNotCheckedButAnExpressionsResultIs() throws IOException {
    Map<String, String> attributes = new LinkedHashMap<>(Sources.hr(folder).attributes());
    attributes.put("nickname", "nick + ''");
    Path file =
        write(
            "people.csv",
            bytes(
                Sources.HEADER.replace("\n", ",nick,notes\n")
                    + "E1,Alice,Archer,a@example.com,Sales,active,2024-01-01,,Al,x\u0000y\n"
                    + "E2,John,Smith,j@example.com,Sales,active,2024-01-01,,J\u001Bo,\n",
                StandardCharsets.UTF_8));

    List<SourceRow> rows = readAll(withAttributes(Sources.hr(file), attributes));

    assertThat(rows.get(0).isAccepted()).as("the NUL is in notes, which feeds nothing").isTrue();
    assertThat(rows.get(0).record().attributes()).containsEntry("nickname", "Al");
    assertThat(rows.get(1).problems())
        .extracting(RecordProblem::render)
        .containsExactly("people.csv:3: attribute nickname: contains the control character U+001B");
  }

  @Test
  void aLatin1ByteOnLine17OfAUtf8FileRejectsLine17AndNamesIt() throws IOException {
    Path file = write("people.csv", latin1File());

    List<SourceRow> rows = readAll(Sources.hr(file));

    assertThat(rows).hasSize(20);
    assertThat(rows)
        .filteredOn(row -> !row.isAccepted())
        .extracting(row -> row.location().line())
        .containsExactly(17L);
    SourceRow bad = rows.stream().filter(row -> !row.isAccepted()).findFirst().orElseThrow();
    assertThat(bad.problems())
        .containsExactly(
            new RecordProblem(
                new RecordLocation("people.csv", 17),
                "first_name",
                "byte 0xEB is not valid UTF-8; if the file is in another encoding, set"
                    + " sources.hr.encoding (for example ISO-8859-1 or windows-1252)"),
            new RecordProblem(
                new RecordLocation("people.csv", 17),
                "last_name",
                "byte 0xFC is not valid UTF-8; if the file is in another encoding, set"
                    + " sources.hr.encoding (for example ISO-8859-1 or windows-1252)"));
    assertThat(bad.key()).isEqualTo("E16");
    assertThat(rows.get(19).record().attributes()).containsEntry("familyName", "Last20");
  }

  @Test
  void theSameFileReadAsIso88591IsReadWhole() throws IOException {
    Path file = write("people.csv", latin1File());

    List<SourceRow> rows = readAll(Sources.hr(file).withEncoding(LATIN_1));

    assertThat(rows).hasSize(20).allMatch(SourceRow::isAccepted);
    assertThat(rows.get(15).record().attributes())
        .containsEntry("familyName", "Müller")
        .containsEntry("displayName", "Zoë Müller");
  }

  @Test
  void aWindows1252FileIsReadWithItsEncodingAndItsLettersBetrayedAsIso88591() throws IOException {
    Path file =
        write(
            "people.csv",
            bytes(
                Sources.HEADER
                    + "E1,\u201CBo\u201D,Dvor\u00e1k,b@example.com,Sales \u20AC,active,2024-01-01,\n",
                WINDOWS_1252));

    SourceRecord right =
        readAll(Sources.hr(file).withEncoding(WINDOWS_1252)).get(0).sourceRecord().orElseThrow();
    assertThat(right.attributes())
        .containsEntry("givenName", "\u201CBo\u201D")
        .containsEntry("familyName", "Dvor\u00e1k")
        .containsEntry("department", "Sales \u20AC");

    List<RecordProblem> wrong = readAll(Sources.hr(file).withEncoding(LATIN_1)).get(0).problems();
    assertThat(wrong).extracting(RecordProblem::column).containsExactly("first_name", "department");
    assertThat(wrong.get(0).message())
        .isEqualTo(
            "contains the control character U+0093; if the file is windows-1252, set"
                + " sources.hr.encoding: windows-1252");
  }

  @Test
  void anUndecodableByteInAQuotedFieldSpanningLinesNamesItsOwnLine() throws IOException {
    ByteArrayOutputStream content = new ByteArrayOutputStream();
    content.writeBytes(
        bytes(
            Sources.HEADER + "E1,A,A,a@example.com,Sales,active,2024-01-01,\n",
            StandardCharsets.UTF_8));
    content.writeBytes(bytes("E2,\"Two\nLi", StandardCharsets.UTF_8)); // lines 3-4
    content.writeBytes(new byte[] {(byte) 0xC3, (byte) 0x28});
    content.writeBytes(
        bytes("nes\",B,b@example.com,Sales,active,2024-01-01,\n", StandardCharsets.UTF_8));
    content.writeBytes(
        bytes("E3,C,C,c@example.com,Sales,active,2024-01-01,\n", StandardCharsets.UTF_8));

    List<SourceRow> rows = readAll(Sources.hr(write("people.csv", content.toByteArray())));

    assertThat(rows).extracting(SourceRow::isAccepted).containsExactly(true, false, true);
    assertThat(rows.get(1).problems())
        .extracting(RecordProblem::render)
        .containsExactly(
            "people.csv:3: column first_name: byte 0xC3 is not valid UTF-8 (line 4); if the file"
                + " is in another encoding, set sources.hr.encoding (for example ISO-8859-1 or"
                + " windows-1252)");
    assertThat(rows.get(2).location().line()).isEqualTo(5);
  }

  @Test
  void anUndecodableHeaderThatLosesAConfiguredColumnSaysWhy() throws IOException {
    Path file =
        write(
            "people.csv",
            bytes(Sources.HEADER.replace("last_name", "last_n\u00e4me") + people(1, 1), LATIN_1));

    assertThatThrownBy(() -> readAll(Sources.hr(file)))
        .isInstanceOf(SourceFileException.class)
        .hasMessageContaining("lacks the configured column last_name")
        .hasMessageContaining("byte 0xE4 is not valid UTF-8");
  }

  @Test
  void anImportKeepsEveryoneButTheRowWithANul() throws IOException {
    Path file =
        write(
            "people.csv",
            bytes(
                Sources.HEADER
                    + people(1, 3)
                    + "E4,Nul,In\u0000Name,n@example.com,Sales,active,2024-01-01,\n"
                    + people(5, 6),
                StandardCharsets.UTF_8));
    InMemoryIdentityRepository identities = new InMemoryIdentityRepository();
    IdentityImporter importer =
        new IdentityImporter(
                identities,
                new InMemoryAuditLog(),
                new CountingTransactions(),
                new SequentialIds(),
                MutableClock.on(LocalDate.of(2026, 3, 2)),
                LifecycleSettings.defaults(),
                AttributeAuthority.inOrder(List.of("hr")))
            .withBatchSize(2);

    ImportSummary summary = importer.importSource(Sources.hr(file));

    assertThat(summary.fileRejected()).isFalse();
    assertThat(summary.created()).isEqualTo(5);
    assertThat(summary.rejected()).isEqualTo(1);
    assertThat(summary.problems())
        .extracting(RecordProblem::render)
        .containsExactly("people.csv:5: column last_name: contains a NUL character (U+0000)");
    assertThat(identities.stream().toList())
        .hasSize(5)
        .allSatisfy(
            identity ->
                assertThat(identity.attributes().values())
                    .noneMatch(value -> value.indexOf('\u0000') >= 0));
  }

  @Test
  void anUnknownEncodingNameIsRefusedNamingIt() {
    assertThat(SourceDefinition.encodingNamed("latin1")).isEqualTo(LATIN_1);
    assertThat(SourceDefinition.encodingNamed("Windows-1252")).isEqualTo(WINDOWS_1252);
    assertThatThrownBy(() -> SourceDefinition.encodingNamed("latin-9x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "\"latin-9x\" is not a character encoding Java knows (for example UTF-8,"
                + " ISO-8859-1, windows-1252)");
    assertThat(Sources.hr(folder).encoding()).isEqualTo(StandardCharsets.UTF_8);
  }

  /** 20 people on lines 2 to 21; line 17 (E16) is Zoë Müller, in ISO-8859-1. */
  private static byte[] latin1File() {
    return bytes(
        Sources.HEADER
            + people(1, 15)
            + "E16,Zoë,Müller,zoe@example.com,Sales,active,2024-01-01,\n"
            + people(17, 20),
        LATIN_1);
  }

  private static byte[] bytes(String text, Charset charset) {
    return text.getBytes(charset);
  }

  private static SourceDefinition withAttributes(
      SourceDefinition source, Map<String, String> attributes) {
    return new SourceDefinition(
        source.name(),
        source.type(),
        source.file(),
        source.key(),
        source.fallbackKeys(),
        attributes,
        source.requiredAttributes(),
        source.lifecycle(),
        source.encoding());
  }

  private Path write(String name, byte[] content) throws IOException {
    Path file = folder.resolve(name);
    Files.write(file, content);
    return file;
  }

  private static List<SourceRow> readAll(SourceDefinition source) {
    try (Stream<SourceRow> rows = new CsvSourceReader(source).read()) {
      return rows.toList();
    }
  }
}
