package io.tenure.engine.guard;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenure.core.account.TargetId;
import io.tenure.core.identity.IdentityId;
import io.tenure.core.plan.CreateAccount;
import io.tenure.core.plan.DeleteAccount;
import io.tenure.core.plan.DisableAccount;
import io.tenure.core.plan.Operation;
import io.tenure.core.plan.Plan;
import io.tenure.core.plan.Reason;
import io.tenure.core.plan.RemoveEntitlement;
import io.tenure.engine.configuration.GuardSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class MassChangeBrakeTest {

  private static final TargetId DIRECTORY = new TargetId("directory");
  private static final TargetId DATABASE = new TargetId("database");
  private static final Reason WHY = Reason.of("test");
  private static final Function<TargetId, GuardSettings> DEFAULTS =
      target -> GuardSettings.defaults();

  @Test
  void aPlanWithinTheLimitProceeds() {
    List<Operation> operations = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      operations.add(disable(DIRECTORY, "user" + i));
    }
    BrakeDecision decision =
        MassChangeBrake.evaluate(new Plan(operations), DEFAULTS, target -> 100);
    assertThat(decision.held()).isFalse();
    assertThat(decision.breaches()).isEmpty();
  }

  @Test
  void oneMoreThanFivePercentHoldsTheDeprovisionedAccountsOnly() {
    List<Operation> operations = new ArrayList<>();
    operations.add(create(DIRECTORY, "joiner"));
    for (int i = 0; i < 6; i++) {
      operations.add(remove(DIRECTORY, "user" + i));
    }
    for (int i = 0; i < 6; i++) {
      operations.add(disable(DIRECTORY, "user" + i));
    }
    operations.add(disable(DATABASE, "user0"));
    BrakeDecision decision =
        MassChangeBrake.evaluate(new Plan(operations), DEFAULTS, target -> 100);
    assertThat(decision.held()).isTrue();
    assertThat(decision.breaches()).extracting(TargetBreach::target).containsExactly(DIRECTORY);
    // the joiner (0) and the other target's disable (13) run; removals and disables are held
    assertThat(decision.heldSequences()).hasSize(12).doesNotContain(0, 13);
    assertThat(decision.reason())
        .isEqualTo(
            "mass-change brake: directory: 6 of 100 known accounts (6%) would be disabled or"
                + " deleted; the brake allows 5 (5% of the known accounts, at most 500)");
  }

  @Test
  void threePlansEachUnderTheLimitAreHeldOnceTogetherTheyGoOverItWithinTheWindow() {
    Set<String> earlier = new java.util.TreeSet<>();
    List<BrakeDecision> decisions = new ArrayList<>();
    for (int plan = 0; plan < 3; plan++) {
      List<Operation> operations = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        operations.add(disable(DIRECTORY, "p" + plan + "user" + i));
      }
      decisions.add(
          MassChangeBrake.evaluate(
              new Plan(operations), DEFAULTS, target -> 100, target -> Set.copyOf(earlier)));
      operations.forEach(operation -> earlier.add(operation.username()));
    }
    assertThat(decisions.get(0).held()).as("4 of 100: under 5%").isFalse();
    assertThat(decisions.get(1).held()).as("8 of 100 within the window").isTrue();
    assertThat(decisions.get(1).reason())
        .isEqualTo(
            "mass-change brake: directory: 8 of 100 known accounts (8%) would be disabled or"
                + " deleted within P1D (4 by earlier plans, 4 by this one); the brake allows 5 per"
                + " P1D (5% of the known accounts, at most 500)");
    assertThat(decisions.get(1).heldSequences()).hasSize(4);
    assertThat(decisions.get(2).held()).isTrue();

    BrakeDecision again =
        MassChangeBrake.evaluate(
            new Plan(List.of(disable(DIRECTORY, "p0user0"))),
            DEFAULTS,
            target -> 100,
            target -> Set.of("p0user0", "p0user1", "p0user2", "p0user3"));
    assertThat(again.held()).as("an account already counted in the window counts once").isFalse();
  }

  @Test
  void disablesAndDeletesBothCountAndAnAccountCountsOnce() {
    List<Operation> operations = new ArrayList<>();
    operations.add(disable(DIRECTORY, "a"));
    operations.add(delete(DIRECTORY, "a"));
    operations.add(delete(DIRECTORY, "b"));
    GuardSettings two = new GuardSettings(100, 2);
    assertThat(MassChangeBrake.evaluate(new Plan(operations), target -> two, target -> 10).held())
        .isFalse();
    operations.add(delete(DIRECTORY, "c"));
    BrakeDecision decision =
        MassChangeBrake.evaluate(new Plan(operations), target -> two, target -> 10);
    assertThat(decision.breaches())
        .singleElement()
        .extracting(TargetBreach::deprovisioned)
        .isEqualTo(3);
    assertThat(decision.heldSequences()).containsExactly(0, 1, 2, 3);
  }

  @Test
  void theCountLimitAppliesOnLargeTargets() {
    assertThat(MassChangeBrake.allowed(GuardSettings.defaults(), 1_000_000)).isEqualTo(500);
    assertThat(MassChangeBrake.allowed(GuardSettings.defaults(), 2000)).isEqualTo(100);
  }

  @Test
  void aSingleLeaverIsNeverAMassChange() {
    assertThat(MassChangeBrake.allowed(GuardSettings.defaults(), 3)).isEqualTo(1);
    assertThat(MassChangeBrake.allowed(GuardSettings.defaults(), 0)).isEqualTo(1);
    BrakeDecision decision =
        MassChangeBrake.evaluate(
            new Plan(List.of(disable(DIRECTORY, "only"))), DEFAULTS, target -> 2);
    assertThat(decision.held()).isFalse();
  }

  @Test
  void aSmallTargetWithSeveralLeaversADayRaisesTheFloorButTheCountStillCaps() {
    GuardSettings floorOfThree = new GuardSettings(5, 500, Duration.ofDays(1), 3);
    assertThat(MassChangeBrake.allowed(floorOfThree, 20)).isEqualTo(3);
    assertThat(MassChangeBrake.allowed(floorOfThree, 2000)).isEqualTo(100);
    assertThat(MassChangeBrake.allowed(new GuardSettings(5, 2, Duration.ofDays(1), 3), 20))
        .isEqualTo(2);

    BrakeDecision secondLeaverOfTheDay =
        MassChangeBrake.evaluate(
            new Plan(List.of(disable(DIRECTORY, "second"))),
            target -> floorOfThree,
            target -> 20,
            target -> Set.of("first"));
    assertThat(secondLeaverOfTheDay.held()).isFalse();
    BrakeDecision fourthLeaverOfTheDay =
        MassChangeBrake.evaluate(
            new Plan(List.of(disable(DIRECTORY, "fourth"))),
            target -> floorOfThree,
            target -> 20,
            target -> Set.of("first", "second", "third"));
    assertThat(fourthLeaverOfTheDay.held()).isTrue();
  }

  @Test
  void aPlanWithoutDeprovisioningIsNeverHeld() {
    Random random = new Random(42);
    long seed = random.nextLong();
    Random generator = new Random(seed);
    for (int round = 0; round < 200; round++) {
      List<Operation> operations = new ArrayList<>();
      int size = generator.nextInt(50);
      for (int i = 0; i < size; i++) {
        operations.add(
            generator.nextBoolean() ? create(DIRECTORY, "user" + i) : remove(DATABASE, "user" + i));
      }
      BrakeDecision decision =
          MassChangeBrake.evaluate(
              new Plan(operations), target -> new GuardSettings(0, 0), target -> 1);
      assertThat(decision.held()).as("seed %d round %d", seed, round).isFalse();
    }
  }

  @Test
  void heldOperationsAreExactlyThoseOfDeprovisionedAccountsOnBreachedTargets() {
    long seed = new Random().nextLong();
    Random generator = new Random(seed);
    for (int round = 0; round < 200; round++) {
      List<Operation> operations = new ArrayList<>();
      int size = 1 + generator.nextInt(60);
      for (int i = 0; i < size; i++) {
        TargetId target = generator.nextBoolean() ? DIRECTORY : DATABASE;
        String user = "user" + generator.nextInt(20);
        operations.add(
            switch (generator.nextInt(4)) {
              case 0 -> create(target, user);
              case 1 -> remove(target, user);
              case 2 -> disable(target, user);
              default -> delete(target, user);
            });
      }
      Plan plan = new Plan(operations);
      Map<TargetId, Long> known = Map.of(DIRECTORY, 40L, DATABASE, 200L);
      BrakeDecision decision = MassChangeBrake.evaluate(plan, DEFAULTS, known::get);
      Set<TargetId> breached =
          Set.copyOf(decision.breaches().stream().map(TargetBreach::target).toList());
      for (int sequence = 0; sequence < plan.size(); sequence++) {
        Operation operation = plan.operations().get(sequence);
        boolean deprovisioned =
            plan.operations().stream()
                .anyMatch(
                    other ->
                        other.kind().deprovisions()
                            && other.target().equals(operation.target())
                            && other.username().equals(operation.username()));
        boolean expected = breached.contains(operation.target()) && deprovisioned;
        assertThat(decision.heldSequences().contains(sequence))
            .as("seed %d round %d operation %s", seed, round, operation.describe())
            .isEqualTo(expected);
      }
    }
  }

  private static Operation create(TargetId target, String user) {
    return new CreateAccount(target, user, new IdentityId(user), Map.of(), true, WHY);
  }

  private static Operation remove(TargetId target, String user) {
    return new RemoveEntitlement(target, user, new IdentityId(user), "cn=staff", WHY);
  }

  private static Operation disable(TargetId target, String user) {
    return new DisableAccount(target, user, new IdentityId(user), WHY);
  }

  private static Operation delete(TargetId target, String user) {
    return new DeleteAccount(target, user, new IdentityId(user), WHY);
  }
}
