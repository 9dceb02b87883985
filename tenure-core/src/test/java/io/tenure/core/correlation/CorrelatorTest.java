package io.tenure.core.correlation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tenure.core.identity.IdentityId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CorrelatorTest {

  private static final IdentityId ANNA = new IdentityId("p-anna");
  private static final IdentityId BOB = new IdentityId("p-bob");
  private static final IdentityId CARL = new IdentityId("p-carl");

  private final Correlator correlator =
      new Correlator(new CorrelationRule("employeeId", List.of("email", "phone")));

  private final IdentityLookup people =
      IdentityLookup.inMemory(
          Map.of(
              ANNA, Map.of("employeeId", "E1", "email", "anna@example.com", "phone", "1"),
              BOB, Map.of("employeeId", "E2", "email", "shared@example.com", "phone", "2"),
              CARL, Map.of("email", "shared@example.com", "phone", "3")));

  @Test
  void theKeyMatches() {
    assertThat(correlator.correlate(Map.of("employeeId", "E1"), people))
        .isEqualTo(new Correlation.Matched(ANNA, "employeeId"));
  }

  @Test
  void aBlankKeyIsSkipped() {
    assertThat(correlator.correlate(Map.of("employeeId", " ", "phone", "3"), people))
        .isEqualTo(new Correlation.Matched(CARL, "phone"));
  }

  @Test
  void aKeyThatFindsNobodyFallsThrough() {
    assertThat(
            correlator.correlate(
                Map.of("employeeId", "E9", "email", "nobody@x", "phone", "1"), people))
        .as("E9 is not held by anna, who has E1: conflict")
        .isInstanceOf(Correlation.Conflict.class);
    assertThat(correlator.correlate(Map.of("email", "nobody@x", "phone", "2"), people))
        .isEqualTo(new Correlation.Matched(BOB, "phone"));
  }

  @Test
  void severalHitsAreAmbiguousAndWeakerKeysAreNotTried() {
    Correlation result =
        correlator.correlate(Map.of("email", "shared@example.com", "phone", "3"), people);

    assertThat(result)
        .isEqualTo(new Correlation.Ambiguous("email", "shared@example.com", List.of(BOB, CARL)));
    assertThat(result.linkedIdentity()).isEmpty();
    assertThat(result.describe())
        .isEqualTo("ambiguous: 2 identities have email = 'shared@example.com' [p-bob, p-carl]");
  }

  @Test
  void nothingFoundIsNoMatch() {
    assertThat(correlator.correlate(Map.of("employeeId", "E7"), people))
        .isEqualTo(new Correlation.NoMatch());
    assertThat(correlator.correlate(Map.of(), people)).isEqualTo(new Correlation.NoMatch());
  }

  @Test
  void aFallbackMatchThatContradictsThePrimaryKeyIsAConflict() {
    Correlation result =
        correlator.correlate(Map.of("employeeId", "E5", "email", "anna@example.com"), people);

    assertThat(result).isEqualTo(new Correlation.Conflict(ANNA, "email", "employeeId", "E5", "E1"));
    assertThat(result.linkedIdentity()).isEmpty();
    assertThat(result.describe())
        .isEqualTo(
            "conflict: email matches p-anna, but its employeeId is 'E1' and the record's is 'E5'");
  }

  @Test
  void aFallbackMatchOnAnIdentityWithoutPrimaryKeyLinks() {
    Correlator byPhone = new Correlator(new CorrelationRule("employeeId", List.of("phone")));
    assertThat(byPhone.correlate(Map.of("employeeId", "E5", "phone", "3"), people))
        .isEqualTo(new Correlation.Matched(CARL, "phone"));
  }

  @Test
  void keysAreTriedInOrder() {
    List<String> asked = new ArrayList<>();
    IdentityLookup recording =
        (attribute, value) -> {
          asked.add(attribute + "=" + value);
          return List.of();
        };
    correlator.correlate(Map.of("employeeId", "E1", "email", "a@x", "phone", "7"), recording);
    assertThat(asked).containsExactly("employeeId=E1", "email=a@x", "phone=7");
  }

  @Test
  void duplicateHitsFromTheLookupCountOnce() {
    IdentityLookup doubled = (attribute, value) -> List.of(ANNA, ANNA);
    assertThat(correlator.correlate(Map.of("employeeId", "E1"), doubled))
        .isEqualTo(new Correlation.Matched(ANNA, "employeeId"));
  }

  @Test
  void aLookupThatCannotReadAttributesFailsLoudlyInsteadOfLinking() {
    IdentityLookup findOnly =
        (attribute, value) -> attribute.equals("email") ? List.of(ANNA) : List.of();
    assertThatThrownBy(
            () -> correlator.correlate(Map.of("employeeId", "E5", "email", "a@x"), findOnly))
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessageContaining("attributeOf");
  }

  @Test
  void badRulesAreRejected() {
    assertThatThrownBy(() -> new CorrelationRule("email", List.of("email")))
        .hasMessageContaining("email");
    assertThatThrownBy(() -> CorrelationRule.on(" ")).isInstanceOf(IllegalArgumentException.class);
  }
}
