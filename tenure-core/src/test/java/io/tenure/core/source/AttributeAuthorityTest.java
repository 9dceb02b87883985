package io.tenure.core.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AttributeAuthorityTest {

  private final AttributeAuthority authority =
      new AttributeAuthority(
          Map.of("email", List.of("mail"), AttributeAuthority.LIFECYCLE, List.of("crm")),
          List.of("hr", "crm", "mail", "scim"));

  @Test
  void eachAttributeTakesTheFirstNonBlankValueInItsOrder() {
    Map<String, Map<String, String>> bySource =
        Map.of(
            "hr", Map.of("email", "anna@hr.example", "department", "Sales", "title", ""),
            "mail", Map.of("email", "anna@example.com"),
            "scim", Map.of("department", "Engineering", "title", "Lead", "nickName", "Annie"));

    assertThat(authority.merge(bySource))
        .containsEntry("email", "anna@example.com")
        .containsEntry("department", "Sales")
        .containsEntry("title", "Lead")
        .containsEntry("nickName", "Annie");
    assertThat(authority.winner("email", bySource)).contains("mail");
    assertThat(authority.winner("missing", bySource)).isEmpty();
    assertThat(authority.order("email")).containsExactly("mail", "hr", "crm", "scim");
  }

  @Test
  void theLifecycleFollowsTheFirstKnowingSourceInItsOrder() {
    assertThat(authority.lifecycleSource(Set.of("hr", "crm"))).contains("crm");
    assertThat(authority.lifecycleSource(Set.of("hr", "scim"))).contains("hr");
    assertThat(authority.lifecycleSource(Set.of("previous"))).contains("previous");
  }

  @Test
  void anOrderNamingASourceTwiceIsRefused() {
    assertThatThrownBy(
            () -> new AttributeAuthority(Map.of("email", List.of("hr", "hr")), List.of("hr")))
        .hasMessageContaining("authority.email names a source twice");
  }
}
