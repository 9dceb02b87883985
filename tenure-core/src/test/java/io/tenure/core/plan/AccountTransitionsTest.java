package io.tenure.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tenure.core.account.KnownAccount;
import io.tenure.core.account.TargetId;
import io.tenure.core.identity.IdentityId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AccountTransitionsTest {

  private static final TargetId DIRECTORY = new TargetId("directory");
  private static final IdentityId JANE = new IdentityId("p-jane");
  private static final Instant EARLIER = Instant.parse("2026-10-01T00:00:00Z");
  private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
  private static final Reason WHY = Reason.of("test");

  private static final KnownAccount ENABLED =
      new KnownAccount(
          DIRECTORY,
          "jdoe",
          "uid=jdoe",
          JANE,
          Map.of("cn", "Jane", "title", "Engineer"),
          true,
          Set.of("staff"),
          null);

  private static KnownAccount after(KnownAccount before, Operation operation) {
    return AccountTransitions.apply(Optional.of(before), operation, NOW).orElseThrow();
  }

  @Test
  void createMakesANewAccount() {
    Optional<KnownAccount> enabled =
        AccountTransitions.apply(
            Optional.empty(),
            new CreateAccount(DIRECTORY, "jdoe", JANE, Map.of("cn", "Jane"), true, WHY),
            NOW);
    Optional<KnownAccount> disabled =
        AccountTransitions.apply(
            Optional.empty(),
            new CreateAccount(DIRECTORY, "jdoe", JANE, Map.of(), false, WHY),
            NOW);

    assertThat(enabled)
        .contains(
            new KnownAccount(
                DIRECTORY, "jdoe", null, JANE, Map.of("cn", "Jane"), true, Set.of(), null));
    assertThat(disabled.orElseThrow().disabledAt()).isEqualTo(NOW);
  }

  @Test
  void updateAppliesTheChanges() {
    KnownAccount updated =
        after(
            ENABLED,
            new UpdateAccount(
                DIRECTORY,
                "jdoe",
                JANE,
                List.of(
                    new AttributeChange("title", "Engineer", "Lead"),
                    new AttributeChange("cn", "Jane", null),
                    new AttributeChange("mail", null, "j@x")),
                WHY));
    assertThat(updated.attributes())
        .containsExactlyInAnyOrderEntriesOf(Map.of("title", "Lead", "mail", "j@x"));
    assertThat(updated.nativeId()).isEqualTo("uid=jdoe");
  }

  @Test
  void disableKeepsTheEarliestDisabledTimeAndEnableClearsIt() {
    KnownAccount disabled = after(ENABLED, new DisableAccount(DIRECTORY, "jdoe", JANE, WHY));
    assertThat(disabled.enabled()).isFalse();
    assertThat(disabled.disabledAt()).isEqualTo(NOW);

    KnownAccount alreadyDisabled =
        new KnownAccount(DIRECTORY, "jdoe", null, JANE, Map.of(), false, Set.of(), EARLIER);
    assertThat(
            after(alreadyDisabled, new DisableAccount(DIRECTORY, "jdoe", JANE, WHY)).disabledAt())
        .isEqualTo(EARLIER);

    KnownAccount enabled = after(alreadyDisabled, new EnableAccount(DIRECTORY, "jdoe", JANE, WHY));
    assertThat(enabled.enabled()).isTrue();
    assertThat(enabled.disabledAt()).isNull();
  }

  @Test
  void entitlementsAreAddedAndRemoved() {
    KnownAccount added = after(ENABLED, new AddEntitlement(DIRECTORY, "jdoe", JANE, "sales", WHY));
    assertThat(added.entitlements()).containsExactly("sales", "staff");
    KnownAccount removed =
        after(added, new RemoveEntitlement(DIRECTORY, "jdoe", JANE, "staff", WHY));
    assertThat(removed.entitlements()).containsExactly("sales");
  }

  @Test
  void deleteForgetsTheAccount() {
    assertThat(
            AccountTransitions.apply(
                Optional.of(ENABLED), new DeleteAccount(DIRECTORY, "jdoe", JANE, WHY), NOW))
        .isEmpty();
  }

  @Test
  void operationsOnUnknownOrOtherAccountsAreRejected() {
    assertThatThrownBy(
            () ->
                AccountTransitions.apply(
                    Optional.empty(), new EnableAccount(DIRECTORY, "jdoe", JANE, WHY), NOW))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("enable directory/jdoe");
    assertThatThrownBy(
            () ->
                AccountTransitions.apply(
                    Optional.of(ENABLED), new EnableAccount(DIRECTORY, "other", JANE, WHY), NOW))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
