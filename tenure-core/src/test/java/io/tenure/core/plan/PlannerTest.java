package io.tenure.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tenure.core.account.KnownAccount;
import io.tenure.core.account.TargetId;
import io.tenure.core.desired.AccountPresence;
import io.tenure.core.desired.DesiredAccount;
import io.tenure.core.desired.DesiredState;
import io.tenure.core.identity.IdentityId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class PlannerTest {

  private static final TargetId DIRECTORY = new TargetId("directory");
  private static final TargetId WIKI = new TargetId("wiki");
  private static final IdentityId JANE = new IdentityId("p-jane");
  private static final IdentityId OTHER = new IdentityId("p-other");
  private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
  private static final PlanningContext CONTEXT = PlanningContext.at(NOW, Duration.ofDays(30));
  private static final Reason ACTIVE = Reason.of("lifecycle ACTIVE");
  private static final Reason ENGINEERING =
      new Reason(
          List.of(
              "group engineering",
              "role engineering",
              "rule eng-birthright: department == 'Engineering'"));

  private static DesiredAccount wanted(
      AccountPresence presence, Map<String, String> attributes, Map<String, Reason> entitlements) {
    return new DesiredAccount(DIRECTORY, JANE, "jdoe", presence, attributes, entitlements, ACTIVE);
  }

  private static KnownAccount known(
      Map<String, String> attributes,
      boolean enabled,
      Set<String> entitlements,
      @Nullable Instant disabledAt) {
    return new KnownAccount(
        DIRECTORY, "jdoe", "uid=jdoe", JANE, attributes, enabled, entitlements, disabledAt);
  }

  private static Plan plan(DesiredAccount desired, KnownAccount... actual) {
    return Planner.plan(new DesiredState(Set.of(JANE), List.of(desired)), List.of(actual), CONTEXT);
  }

  @Test
  void aMissingEnabledAccountIsCreatedThenGranted() {
    Plan plan =
        plan(
            wanted(
                AccountPresence.ENABLED,
                Map.of("cn", "Jane Doe"),
                Map.of("engineering", ENGINEERING, "staff", Reason.of("role staff"))));

    assertThat(plan.operations())
        .containsExactly(
            new CreateAccount(DIRECTORY, "jdoe", JANE, Map.of("cn", "Jane Doe"), true, ACTIVE),
            new AddEntitlement(
                DIRECTORY,
                "jdoe",
                JANE,
                "engineering",
                new Reason(
                    List.of(
                        "group engineering",
                        "role engineering",
                        "rule eng-birthright: department == 'Engineering'",
                        "lifecycle ACTIVE"))),
            new AddEntitlement(
                DIRECTORY,
                "jdoe",
                JANE,
                "staff",
                new Reason(List.of("role staff", "lifecycle ACTIVE"))));
    assertThat(plan.operations().get(1).describe()).isEqualTo("add directory/jdoe to engineering");
  }

  @Test
  void aMissingDisabledAccountIsCreatedDisabled() {
    Plan plan = plan(wanted(AccountPresence.DISABLED, Map.of(), Map.of("staff", ACTIVE)));

    assertThat(plan.operations())
        .extracting(Operation::kind)
        .containsExactly(OperationKind.CREATE_ACCOUNT, OperationKind.ADD_ENTITLEMENT);
    assertThat(((CreateAccount) plan.operations().get(0)).enabled()).isFalse();
  }

  @Test
  void aMissingRevokedOrRetiredAccountIsNotCreated() {
    assertThat(plan(wanted(AccountPresence.REVOKED, Map.of("cn", "x"), Map.of("g", ACTIVE))))
        .isEqualTo(Plan.empty());
    assertThat(plan(wanted(AccountPresence.RETIRED, Map.of("cn", "x"), Map.of("g", ACTIVE))))
        .isEqualTo(Plan.empty());
  }

  @Test
  void onlyDesiredAttributesThatDifferAreUpdated() {
    Plan plan =
        plan(
            wanted(
                AccountPresence.ENABLED,
                Map.of("cn", "Jane Doe", "mail", "jane@example.com", "title", "Lead"),
                Map.of()),
            known(
                Map.of("cn", "Jane Doe", "title", "Engineer", "description", "not managed"),
                true,
                Set.of(),
                null));

    assertThat(plan.operations())
        .containsExactly(
            new UpdateAccount(
                DIRECTORY,
                "jdoe",
                JANE,
                List.of(
                    new AttributeChange("mail", null, "jane@example.com"),
                    new AttributeChange("title", "Engineer", "Lead")),
                ACTIVE));
  }

  @Test
  void theEnabledFlagFollowsPresence() {
    assertThat(
            plan(
                    wanted(AccountPresence.ENABLED, Map.of(), Map.of()),
                    known(Map.of(), false, Set.of(), NOW))
                .operations())
        .containsExactly(new EnableAccount(DIRECTORY, "jdoe", JANE, ACTIVE));
    assertThat(
            plan(
                    wanted(AccountPresence.DISABLED, Map.of(), Map.of()),
                    known(Map.of(), true, Set.of(), null))
                .operations())
        .containsExactly(new DisableAccount(DIRECTORY, "jdoe", JANE, ACTIVE));
  }

  @Test
  void entitlementsFollowTheSetDifference() {
    Plan plan =
        plan(
            wanted(AccountPresence.DISABLED, Map.of(), Map.of("staff", ACTIVE, "sales", ACTIVE)),
            known(Map.of(), false, Set.of("staff", "engineering"), NOW));

    assertThat(plan.operations())
        .containsExactly(
            new AddEntitlement(DIRECTORY, "jdoe", JANE, "sales", ACTIVE),
            new RemoveEntitlement(
                DIRECTORY,
                "jdoe",
                JANE,
                "engineering",
                new Reason(List.of("no longer granted", "lifecycle ACTIVE"))));
  }

  @Test
  void aRevokedAccountIsDisabledAndEmptiedButNeverDeleted() {
    Reason future = Reason.of("pre-hire: start is far away");
    DesiredAccount revoked =
        new DesiredAccount(
            DIRECTORY, JANE, "jdoe", AccountPresence.REVOKED, Map.of("cn", "x"), Map.of(), future);

    assertThat(plan(revoked, known(Map.of(), true, Set.of("staff"), null)).operations())
        .containsExactly(
            new RemoveEntitlement(
                DIRECTORY, "jdoe", JANE, "staff", future.because("no longer granted")),
            new DisableAccount(DIRECTORY, "jdoe", JANE, future));
    assertThat(plan(revoked, known(Map.of(), false, Set.of(), NOW.minus(Duration.ofDays(400)))))
        .isEqualTo(Plan.empty());
  }

  @Test
  void aRetiredAccountIsDeletedOnlyOnceDisabledForTheRetention() {
    Reason leaver = new Reason(List.of("leaver: last day was 2026-10-01", "lifecycle TERMINATED"));
    DesiredAccount retired =
        new DesiredAccount(
            DIRECTORY, JANE, "jdoe", AccountPresence.RETIRED, Map.of(), Map.of(), leaver);

    assertThat(plan(retired, known(Map.of(), true, Set.of("staff"), null)).operations())
        .as("enabled: disable first")
        .extracting(Operation::kind)
        .containsExactly(OperationKind.REMOVE_ENTITLEMENT, OperationKind.DISABLE_ACCOUNT);
    assertThat(plan(retired, known(Map.of(), false, Set.of(), null)))
        .as("disabled since an unknown time")
        .isEqualTo(Plan.empty());
    assertThat(
            plan(
                retired,
                known(Map.of(), false, Set.of(), NOW.minus(Duration.ofDays(30)).plusSeconds(1))))
        .as("retention not over")
        .isEqualTo(Plan.empty());

    Instant disabledAt = NOW.minus(Duration.ofDays(30));
    Plan plan = plan(retired, known(Map.of(), false, Set.of("staff"), disabledAt));

    assertThat(plan.operations())
        .containsExactly(
            new RemoveEntitlement(
                DIRECTORY, "jdoe", JANE, "staff", leaver.because("no longer granted")),
            new DeleteAccount(
                DIRECTORY,
                "jdoe",
                JANE,
                leaver.because("disabled since 2026-10-28T10:00:00Z, retention P30D over")));
  }

  @Test
  void retentionIsPerTarget() {
    PlanningContext context =
        new PlanningContext(NOW, Map.of(DIRECTORY, Duration.ofDays(90)), Duration.ofDays(1));
    DesiredAccount retired =
        new DesiredAccount(
            DIRECTORY, JANE, "jdoe", AccountPresence.RETIRED, Map.of(), Map.of(), ACTIVE);
    KnownAccount disabled = known(Map.of(), false, Set.of(), NOW.minus(Duration.ofDays(60)));

    assertThat(
            Planner.plan(
                new DesiredState(Set.of(JANE), List.of(retired)), List.of(disabled), context))
        .isEqualTo(Plan.empty());
    assertThat(context.retentionOf(WIKI)).isEqualTo(Duration.ofDays(1));
  }

  @Test
  void anAccountOnATargetWithNoDesiredAccountIsRevoked() {
    KnownAccount wiki =
        new KnownAccount(WIKI, "jane", null, JANE, Map.of(), true, Set.of("editors"), null);
    Plan plan =
        plan(
            wanted(AccountPresence.ENABLED, Map.of(), Map.of()),
            known(Map.of(), true, Set.of(), null),
            wiki);

    Reason outOfScope = Reason.of("no longer in scope of target wiki");
    assertThat(plan.operations())
        .containsExactly(
            new RemoveEntitlement(
                WIKI, "jane", JANE, "editors", outOfScope.because("no longer granted")),
            new DisableAccount(WIKI, "jane", JANE, outOfScope));
  }

  @Test
  void aSecondAccountOfThePersonOnTheTargetIsRevoked() {
    KnownAccount old =
        new KnownAccount(DIRECTORY, "jane.old", null, JANE, Map.of(), true, Set.of(), null);
    Plan plan =
        plan(
            wanted(AccountPresence.ENABLED, Map.of(), Map.of()),
            known(Map.of(), true, Set.of(), null),
            old);

    assertThat(plan.operations())
        .containsExactly(
            new DisableAccount(
                DIRECTORY,
                "jane.old",
                JANE,
                Reason.of("not the account policy names on target directory (jdoe)")));
  }

  @Test
  void orphansAndPeopleOutOfScopeAreLeftAlone() {
    KnownAccount orphan =
        new KnownAccount(DIRECTORY, "admin", null, null, Map.of(), true, Set.of("root"), null);
    KnownAccount someoneElse =
        new KnownAccount(DIRECTORY, "other", null, OTHER, Map.of(), true, Set.of("root"), null);

    assertThat(
            Planner.plan(
                new DesiredState(Set.of(JANE), List.of()), List.of(orphan, someoneElse), CONTEXT))
        .isEqualTo(Plan.empty());
  }

  @Test
  void aUsernameHeldByAnotherAccountIsNotTakenOver() {
    KnownAccount orphan =
        new KnownAccount(DIRECTORY, "jdoe", null, null, Map.of(), true, Set.of(), null);

    assertThat(
            plan(
                wanted(AccountPresence.ENABLED, Map.of("cn", "Jane"), Map.of("staff", ACTIVE)),
                orphan))
        .isEqualTo(Plan.empty());
  }

  @Test
  void operationsAreOrderedByPhaseThenAccountThenEntitlement() {
    IdentityId amy = new IdentityId("p-amy");
    DesiredState desired =
        new DesiredState(
            Set.of(JANE, amy),
            List.of(
                new DesiredAccount(
                    WIKI,
                    JANE,
                    "jdoe",
                    AccountPresence.ENABLED,
                    Map.of(),
                    Map.of("b", ACTIVE, "a", ACTIVE),
                    ACTIVE),
                new DesiredAccount(
                    DIRECTORY,
                    amy,
                    "amy",
                    AccountPresence.ENABLED,
                    Map.of(),
                    Map.of("z", ACTIVE),
                    ACTIVE),
                new DesiredAccount(
                    DIRECTORY, JANE, "jdoe", AccountPresence.RETIRED, Map.of(), Map.of(), ACTIVE)));
    KnownAccount janeDirectory = known(Map.of(), true, Set.of("staff"), null);

    Plan plan = Planner.plan(desired, List.of(janeDirectory), CONTEXT);

    assertThat(plan.operations())
        .extracting(Operation::describe)
        .containsExactly(
            "create directory/amy",
            "create wiki/jdoe",
            "add directory/amy to z",
            "add wiki/jdoe to a",
            "add wiki/jdoe to b",
            "remove directory/jdoe from staff",
            "disable directory/jdoe");
    assertThat(plan.countByKind())
        .containsEntry(OperationKind.CREATE_ACCOUNT, 2)
        .containsEntry(OperationKind.ADD_ENTITLEMENT, 3);
  }

  @Test
  void inconsistentInputIsRejected() {
    KnownAccount one = known(Map.of(), true, Set.of(), null);
    assertThatThrownBy(() -> plan(wanted(AccountPresence.ENABLED, Map.of(), Map.of()), one, one))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("directory/jdoe");
    DesiredAccount first = wanted(AccountPresence.ENABLED, Map.of(), Map.of());
    DesiredAccount second =
        new DesiredAccount(
            DIRECTORY, OTHER, "jdoe", AccountPresence.ENABLED, Map.of(), Map.of(), ACTIVE);
    assertThatThrownBy(
            () ->
                Planner.plan(
                    new DesiredState(Set.of(JANE, OTHER), List.of(first, second)),
                    List.of(),
                    CONTEXT))
        .hasMessageContaining("wanted for both");
    assertThatThrownBy(() -> PlanningContext.at(NOW, Duration.ofDays(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> new PlanningContext(NOW, Map.of(WIKI, Duration.ofDays(-1)), Duration.ZERO))
        .hasMessageContaining("targets.wiki.retention");
  }
}
