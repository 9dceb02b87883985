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
import org.junit.jupiter.api.Test;

class DisagreementsTest {

  private final AttributeAuthority authority =
      new AttributeAuthority(Map.of("email", List.of("mail")), List.of("hr", "crm", "mail"));
  private final Disagreements disagreements = new Disagreements(authority);

  private Identity identity(Map<String, Map<String, String>> bySource) {
    return new Identity(
        new IdentityId("i-1"),
        LifecycleState.ACTIVE,
        authority.merge(bySource),
        new Employment(EmploymentStatus.ACTIVE, LocalDate.of(2024, 1, 1), null),
        Map.of(),
        bySource);
  }

  @Test
  void aSourceThatSaysOtherwiseThanTheDecidingOneIsADisagreement() {
    Identity ada =
        identity(
            Map.of(
                "hr",
                Map.of("department", "Engineering", "email", "ada@example.com"),
                "crm",
                Map.of("department", "Engineering", "title", "Consultant"),
                "mail",
                Map.of("email", "ada.lovelace@example.com"),
                SourceMerge.PREVIOUS,
                Map.of("department", "Old")));

    assertThat(disagreements.of(ada))
        .containsExactly(
            new Disagreement(
                ada.id(), "email", "mail", "ada.lovelace@example.com", "hr", "ada@example.com"));
  }

  @Test
  void onlyWhatAReportNewlyCausedIsIntroducedByIt() {
    Identity before =
        identity(
            Map.of(
                "hr", Map.of("department", "Engineering"), "crm", Map.of("department", "Sales")));
    Identity after =
        identity(
            Map.of(
                "hr", Map.of("department", "Engineering"),
                "crm", Map.of("department", "Sales"),
                "mail", Map.of("department", "Support")));

    assertThat(disagreements.introduced(Optional.of(before), after, "mail"))
        .extracting(Disagreement::source)
        .containsExactly("mail");
    assertThat(disagreements.introduced(Optional.of(after), after, "crm")).isEmpty();
  }
}
