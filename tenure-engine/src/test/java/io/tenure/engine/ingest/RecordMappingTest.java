package io.tenure.engine.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tenure.core.identity.EmploymentStatus;
import io.tenure.core.source.RecordLocation;
import io.tenure.engine.configuration.JdbcSourceSettings;
import io.tenure.engine.configuration.LdapSourceSettings;
import io.tenure.engine.configuration.LifecycleColumns;
import io.tenure.engine.configuration.SourceDefinition;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class RecordMappingTest {

  private static final Set<String> COLUMNS =
      Set.of("EMPLOYEE_ID", "first_name", "last_name", "status", "hired", "left_on");

  static SourceDefinition table(@Nullable LifecycleColumns lifecycle) {
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("employeeId", "employee_id");
    attributes.put("givenName", "first_name");
    attributes.put("displayName", "first_name + ' ' + last_name");
    return new SourceDefinition(
            "hr",
            "jdbc",
            Path.of(""),
            "employeeId",
            List.of(),
            attributes,
            Set.of("givenName"),
            lifecycle,
            java.nio.charset.StandardCharsets.UTF_8)
        .withConnection(
            "jdbc", new JdbcSourceSettings("jdbc:postgresql://db/hr", null, null, "people", null));
  }

  static LifecycleColumns lifecycle() {
    return new LifecycleColumns(
        "status", LifecycleColumns.defaultStatusValues(), "hired", "left_on", "dd.MM.yyyy");
  }

  private static Map<String, @Nullable String> row(String... pairs) {
    Map<String, @Nullable String> values = new HashMap<>();
    for (int index = 0; index < pairs.length; index += 2) {
      values.put(pairs[index], pairs[index + 1]);
    }
    return values;
  }

  @Test
  void aRowIsMappedByColumnNamesIgnoringCaseAndLocatedByItsKey() {
    RecordMapping mapping = RecordMapping.of(table(lifecycle()), Optional.of(COLUMNS));
    SourceRow row =
        mapping.mapKeyed(
            1,
            row(
                "EMPLOYEE_ID",
                " E1 ",
                "first_name",
                "Ada",
                "last_name",
                "Lovelace",
                "status",
                "Active",
                "hired",
                "01.02.2024",
                "left_on",
                "2026-03-31T00:00"));
    assertThat(row.isAccepted()).isTrue();
    assertThat(row.location()).hasToString("people:E1");
    assertThat(row.record().attributes())
        .containsEntry("employeeId", "E1")
        .containsEntry("displayName", "Ada Lovelace");
    assertThat(row.record().employment().status()).isEqualTo(EmploymentStatus.ACTIVE);
    assertThat(row.record().employment().start()).contains(LocalDate.of(2024, 2, 1));
    assertThat(row.record().employment().end())
        .as("a typed timestamp column gives its date")
        .contains(LocalDate.of(2026, 3, 31));
  }

  @Test
  void badRowsNameTheTableAndTheKeyAndTheFirstOfTwoEqualKeysIsUsed() {
    RecordMapping mapping = RecordMapping.of(table(lifecycle()), Optional.of(COLUMNS));
    SourceRow first =
        mapping.mapKeyed(1, row("employee_id", "E1", "first_name", "Ada", "status", "active"));
    SourceRow again =
        mapping.mapKeyed(2, row("employee_id", "E1", "first_name", "Eve", "status", "active"));
    SourceRow badStatus =
        mapping.mapKeyed(3, row("employee_id", "E2", "first_name", "Bob", "status", "gone"));
    SourceRow noKey = mapping.mapKeyed(4, row("first_name", "Nobody", "status", "active"));
    SourceRow control =
        mapping.mapKeyed(
            5, row("employee_id", "E3", "first_name", "Zo\u0000e", "status", "active"));

    assertThat(first.isAccepted()).isTrue();
    assertThat(again.problems())
        .singleElement()
        .hasToString(
            "people:E1: column EMPLOYEE_ID: duplicate employeeId \"E1\": already read; the first"
                + " record is used");
    assertThat(badStatus.problems().get(0).render())
        .startsWith("people:E2: column status: \"gone\" is not a known status");
    assertThat(noKey.problems().get(0).render())
        .isEqualTo("people:row 4: column EMPLOYEE_ID: the key attribute employeeId is empty");
    assertThat(control.location()).hasToString("people:E3");
    assertThat(control.problems().get(0).render())
        .startsWith("people:E3: column first_name: ")
        .contains("U+0000");
  }

  @Test
  void aSourceWithoutLifecycleReportsNoEmployment() {
    RecordMapping mapping = RecordMapping.of(table(null), Optional.of(COLUMNS));
    SourceRow row = mapping.mapKeyed(1, row("employee_id", "E1", "first_name", "Ada"));
    assertThat(row.record().reportedEmployment()).isEmpty();
  }

  @Test
  void aMissingColumnRefusesTheWholeTable() {
    assertThatThrownBy(() -> RecordMapping.of(table(lifecycle()), Optional.of(Set.of("id"))))
        .isInstanceOf(SourceFileException.class)
        .hasMessageStartingWith("table people: lacks the configured columns")
        .hasMessageContaining("employee_id")
        .hasMessageContaining("status");
  }

  @Test
  void recordsWithoutKnownColumnsReadWhatTheMappingAndItsExpressionsName() {
    SourceDefinition directory =
        table(null)
            .withConnection(
                "ldap",
                new LdapSourceSettings(
                    "ldap://127.0.0.1:3389", null, null, "ou=mail,dc=example,dc=com", "(uid=*)"));
    RecordMapping mapping = RecordMapping.of(directory, Optional.empty());
    assertThat(mapping.columnsRead())
        .containsExactlyInAnyOrder("employee_id", "first_name", "last_name");
    SourceRow row =
        mapping.map(
            RecordLocation.named("", "uid=ada,ou=mail,dc=example,dc=com"),
            row("employee_id", "E1", "first_name", "Ada"));
    assertThat(row.location()).hasToString("uid=ada,ou=mail,dc=example,dc=com");
    assertThat(row.record().attributes()).containsEntry("displayName", "Ada");
  }
}
