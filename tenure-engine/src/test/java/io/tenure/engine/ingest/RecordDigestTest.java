package io.tenure.engine.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenure.core.identity.Employment;
import io.tenure.core.identity.EmploymentStatus;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class RecordDigestTest {

  private static final Optional<Employment> ACTIVE =
      Optional.of(new Employment(EmploymentStatus.ACTIVE, LocalDate.of(2024, 1, 1), null));

  private static Map<String, String> values(String... namesAndValues) {
    Map<String, String> values = new TreeMap<>();
    for (int at = 0; at < namesAndValues.length; at += 2) {
      values.put(namesAndValues[at], namesAndValues[at + 1]);
    }
    return values;
  }

  @Test
  void theSameValuesAndEmploymentGiveTheSameDigestWhateverTheMapsOrder() {
    Map<String, String> inOrder = values("department", "Sales", "employeeId", "E1");
    Map<String, String> reversed = new java.util.LinkedHashMap<>();
    reversed.put("employeeId", "E1");
    reversed.put("department", "Sales");
    assertThat(RecordDigest.of(reversed, ACTIVE)).isEqualTo(RecordDigest.of(inOrder, ACTIVE));
    assertThat(RecordDigest.of(inOrder, ACTIVE)).hasSize(64).matches("[0-9a-f]+");
  }

  @Test
  void everyValueNameAndEmploymentPartChangesTheDigest() {
    List<String> digests =
        List.of(
            RecordDigest.of(values("costCenter", "CC-1", "employeeId", "E1"), ACTIVE),
            RecordDigest.of(values("costCenter", "CC-2", "employeeId", "E1"), ACTIVE),
            RecordDigest.of(values("costcenter", "CC-1", "employeeId", "E1"), ACTIVE),
            RecordDigest.of(values("employeeId", "E1"), ACTIVE),
            RecordDigest.of(values("costCenter", "CC-1", "employeeId", "E1"), Optional.empty()),
            RecordDigest.of(
                values("costCenter", "CC-1", "employeeId", "E1"),
                Optional.of(
                    new Employment(
                        EmploymentStatus.ACTIVE,
                        LocalDate.of(2024, 1, 1),
                        LocalDate.of(2026, 6, 30)))),
            RecordDigest.of(
                values("costCenter", "CC-1", "employeeId", "E1"),
                Optional.of(
                    new Employment(EmploymentStatus.LEAVE, LocalDate.of(2024, 1, 1), null))),
            RecordDigest.of(
                values("costCenter", "CC-1", "employeeId", "E1"),
                Optional.of(
                    new Employment(EmploymentStatus.ACTIVE, LocalDate.of(2024, 1, 2), null))));
    Set<String> distinct = new HashSet<>(digests);
    assertThat(distinct).hasSize(digests.size());
  }

  @Test
  void valuesThatRunTogetherAreToldApartByTheirLengths() {
    assertThat(RecordDigest.text(values("a", "b1:c"), Optional.empty()))
        .isNotEqualTo(RecordDigest.text(values("a", "b", "c", ""), Optional.empty()));
    assertThat(RecordDigest.of(values("ab", "c"), ACTIVE))
        .isNotEqualTo(RecordDigest.of(values("a", "bc"), ACTIVE));
    assertThat(RecordDigest.text(values("givenName", "Zoë 𝔘"), ACTIVE))
        .isEqualTo("v1|9:givenName5:Zoë 𝔘|ACTIVE:2024-01-01:");
  }

  @Test
  void namesAreInCodePointOrderAsPostgreSqlsCCollation() {
    String supplementary = "𝔘";
    String lastOfBasicPlane = "\uFFFF";
    assertThat(supplementary.compareTo(lastOfBasicPlane)).isNegative();
    assertThat(RecordDigest.compareCodePoints(supplementary, lastOfBasicPlane)).isPositive();
    assertThat(RecordDigest.compareCodePoints("ab", "abc")).isNegative();
    assertThat(RecordDigest.compareCodePoints("abc", "abc")).isZero();
    assertThat(RecordDigest.text(values(supplementary, "1", lastOfBasicPlane, "2"), ACTIVE))
        .startsWith("v1|1:" + lastOfBasicPlane + "1:2");
  }
}
