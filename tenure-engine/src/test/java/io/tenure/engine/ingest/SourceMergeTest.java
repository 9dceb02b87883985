package io.tenure.engine.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenure.core.identity.Employment;
import io.tenure.core.identity.EmploymentStatus;
import io.tenure.core.identity.Identity;
import io.tenure.core.identity.IdentityId;
import io.tenure.core.identity.LifecycleState;
import io.tenure.core.source.AttributeAuthority;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SourceMergeTest {

  private static final LocalDate TODAY = LocalDate.of(2026, 3, 2);
  private static final IdentityId ANNA = new IdentityId("anna");
  private static final Employment ACTIVE =
      new Employment(EmploymentStatus.ACTIVE, LocalDate.of(2020, 1, 6), null);

  private final SourceMerge merge =
      new SourceMerge(AttributeAuthority.inOrder(List.of("hr", "scim")));

  private Identity fromHr() {
    return merge.apply(
        Optional.empty(),
        ANNA,
        "hr",
        Set.of("employeeId", "department", "title"),
        Map.of("employeeId", "E1", "department", "Sales", "title", "Rep"),
        Optional.of(ACTIVE),
        TODAY);
  }

  @Test
  void aSecondSourceFillsOnlyWhatTheFirstDoesNotGiveAndCannotOverruleIt() {
    Identity hr = fromHr();
    Map<String, String> pushed =
        Map.of("employeeId", "E2", "department", "Engineering", "costCenter", "CC-1");

    Identity after =
        merge.apply(
            Optional.of(hr),
            ANNA,
            "scim",
            Set.of("employeeId", "department", "costCenter"),
            pushed,
            Optional.of(ACTIVE),
            TODAY);

    assertThat(after.attributes())
        .containsEntry("employeeId", "E1")
        .containsEntry("department", "Sales")
        .containsEntry("costCenter", "CC-1");
    assertThat(merge.overruled(hr, after, "scim", pushed, false))
        .extracting(SourceMerge.Overruled::describe)
        .containsExactlyInAnyOrder(
            "employeeId is given by source hr for this person (authority: hr, scim)",
            "department is given by source hr for this person (authority: hr, scim)");
  }

  @Test
  void onlyTheSourceThatDecidesTheLifecycleChangesTheEmployment() {
    Identity hr = fromHr();
    Employment terminated = new Employment(EmploymentStatus.TERMINATED, ACTIVE.startDate(), TODAY);

    Identity after =
        merge.apply(
            Optional.of(hr), ANNA, "scim", Set.of(), Map.of(), Optional.of(terminated), TODAY);

    assertThat(after.state()).isEqualTo(LifecycleState.ACTIVE);
    assertThat(merge.overruled(hr, after, "scim", Map.of(), true))
        .extracting(SourceMerge.Overruled::attribute)
        .containsExactly(AttributeAuthority.LIFECYCLE);
  }

  @Test
  void aValueARemovedFromItsSourceDoesNotComeBackFromPreviousValues() {
    Identity legacy =
        new Identity(
            ANNA,
            LifecycleState.ACTIVE,
            Map.of("department", "Sales", "managerId", "E9", "nickName", "Annie"),
            ACTIVE,
            Map.of(),
            Map.of(
                SourceMerge.PREVIOUS,
                Map.of("department", "Sales", "managerId", "E9", "nickName", "Annie")));

    Identity after =
        merge.apply(
            Optional.of(legacy),
            ANNA,
            "hr",
            Set.of("department", "managerId"),
            Map.of("department", "Sales"),
            Optional.of(ACTIVE),
            TODAY);

    assertThat(after.attributes())
        .containsEntry("department", "Sales")
        .containsEntry("nickName", "Annie")
        .doesNotContainKey("managerId");
  }
}
