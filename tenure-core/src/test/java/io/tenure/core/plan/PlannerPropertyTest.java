package io.tenure.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenure.core.account.KnownAccount;
import io.tenure.core.account.TargetId;
import io.tenure.core.desired.AccountPresence;
import io.tenure.core.desired.DesiredAccount;
import io.tenure.core.desired.DesiredState;
import io.tenure.core.identity.IdentityId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.LongConsumer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The planner's invariants over seeded random desired and actual states. Every failure message
 * starts with the case's seed; {@code -Dtenure.seed=N} replays a whole run.
 */
class PlannerPropertyTest {

  private static final int CASES = 600;
  private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
  private static final List<TargetId> TARGETS =
      List.of(new TargetId("directory"), new TargetId("scim"), new TargetId("wiki"));
  private static final List<String> ENTITLEMENTS =
      List.of("admins", "engineering", "sales", "staff");
  private static final List<String> ATTRIBUTES = List.of("cn", "mail", "title");
  private static final List<Duration> RETENTIONS =
      List.of(Duration.ZERO, Duration.ofDays(1), Duration.ofDays(7), Duration.ofDays(30));
  private static final int PEOPLE = 6;

  /** One generated case. */
  private record Case(
      long seed, DesiredState desired, List<KnownAccount> actual, PlanningContext context) {
    String label() {
      return "seed " + seed;
    }

    Duration longestRetention() {
      Duration longest = context.defaultRetention();
      for (Duration duration : context.retention().values()) {
        longest = duration.compareTo(longest) > 0 ? duration : longest;
      }
      return longest;
    }
  }

  private static void forEachSeed(LongConsumer check) {
    long base = Long.getLong("tenure.seed", new Random().nextLong());
    for (int index = 0; index < CASES; index++) {
      check.accept(base + index);
    }
  }

  // ---------------------------------------------------------------- generators

  private static Case generate(long seed, boolean positiveRetention) {
    Random random = new Random(seed);
    Set<IdentityId> scope = new TreeSet<>();
    for (int person = 0; person < PEOPLE; person++) {
      if (random.nextInt(3) > 0) {
        scope.add(person(person));
      }
    }
    List<DesiredAccount> desired = new ArrayList<>();
    for (IdentityId owner : scope) {
      for (TargetId target : TARGETS) {
        if (random.nextInt(10) < 7) {
          desired.add(desiredAccount(random, target, owner));
        }
      }
    }
    List<KnownAccount> actual = new ArrayList<>();
    for (int person = 0; person < PEOPLE; person++) {
      for (TargetId target : TARGETS) {
        int pick = random.nextInt(10);
        if (pick < 5) {
          actual.add(knownAccount(random, target, username(person(person)), person(person)));
        } else if (pick == 5) {
          // the person's name taken by an orphan
          actual.add(knownAccount(random, target, username(person(person)), null));
        } else if (pick == 6) {
          // a second, older account of the person
          actual.add(
              knownAccount(random, target, username(person(person)) + ".old", person(person)));
        }
      }
    }
    for (int orphan = random.nextInt(3); orphan > 0; orphan--) {
      TargetId target = TARGETS.get(random.nextInt(TARGETS.size()));
      actual.add(knownAccount(random, target, "orphan" + orphan, null));
    }
    Map<TargetId, Duration> retention = new TreeMap<>();
    for (TargetId target : TARGETS) {
      if (random.nextBoolean()) {
        retention.put(target, retention(random, positiveRetention));
      }
    }
    PlanningContext context =
        new PlanningContext(NOW, retention, retention(random, positiveRetention));
    return new Case(seed, new DesiredState(scope, desired), actual, context);
  }

  private static Duration retention(Random random, boolean positive) {
    List<Duration> choices = positive ? RETENTIONS.subList(1, RETENTIONS.size()) : RETENTIONS;
    return choices.get(random.nextInt(choices.size()));
  }

  private static IdentityId person(int index) {
    return new IdentityId("p" + index);
  }

  private static String username(IdentityId owner) {
    return "u-" + owner.value();
  }

  private static DesiredAccount desiredAccount(Random random, TargetId target, IdentityId owner) {
    AccountPresence presence = AccountPresence.values()[random.nextInt(4)];
    Map<String, Reason> entitlements = new TreeMap<>();
    for (String entitlement : ENTITLEMENTS) {
      if (random.nextBoolean()) {
        entitlements.put(
            entitlement, new Reason(List.of("group " + entitlement, "role r" + random.nextInt(3))));
      }
    }
    return new DesiredAccount(
        target,
        owner,
        username(owner),
        presence,
        randomAttributes(random),
        entitlements,
        Reason.of("lifecycle " + presence));
  }

  private static KnownAccount knownAccount(
      Random random, TargetId target, String username, @Nullable IdentityId owner) {
    boolean enabled = random.nextBoolean();
    Set<String> entitlements = new TreeSet<>();
    for (String entitlement : ENTITLEMENTS) {
      if (random.nextInt(3) == 0) {
        entitlements.add(entitlement);
      }
    }
    Instant disabledAt =
        enabled || random.nextInt(5) == 0
            ? null
            : NOW.minus(Duration.ofHours(random.nextInt(24 * 60)));
    return new KnownAccount(
        target, username, null, owner, randomAttributes(random), enabled, entitlements, disabledAt);
  }

  private static Map<String, String> randomAttributes(Random random) {
    Map<String, String> attributes = new TreeMap<>();
    for (String attribute : ATTRIBUTES) {
      if (random.nextInt(3) > 0) {
        attributes.put(attribute, "v" + random.nextInt(3));
      }
    }
    return attributes;
  }

  // ---------------------------------------------------------------- simulation

  private record Key(TargetId target, String username) {}

  private static Map<Key, KnownAccount> index(Collection<KnownAccount> accounts) {
    Map<Key, KnownAccount> byKey = new HashMap<>();
    for (KnownAccount account : accounts) {
      byKey.put(new Key(account.target(), account.username()), account);
    }
    return byKey;
  }

  private static List<KnownAccount> applyAll(
      Collection<KnownAccount> actual, Plan plan, Instant now) {
    Map<Key, KnownAccount> byKey = index(actual);
    for (Operation operation : plan.operations()) {
      Key key = new Key(operation.target(), operation.username());
      Optional<KnownAccount> after =
          AccountTransitions.apply(Optional.ofNullable(byKey.get(key)), operation, now);
      if (after.isPresent()) {
        byKey.put(key, after.get());
      } else {
        byKey.remove(key);
      }
    }
    return new ArrayList<>(byKey.values());
  }

  // ---------------------------------------------------------------- properties

  @Test
  void applyingAPlanThenPlanningAgainGivesAnEmptyPlan() {
    forEachSeed(
        seed -> {
          Case generated = generate(seed, true);
          Plan first = Planner.plan(generated.desired(), generated.actual(), generated.context());
          List<KnownAccount> applied = applyAll(generated.actual(), first, NOW);

          assertThat(Planner.plan(generated.desired(), applied, generated.context()).operations())
              .as(generated.label() + ": replanned at the same moment")
              .isEmpty();

          // later, past every retention: retired accounts go, then nothing is left to do
          PlanningContext later =
              generated.context().withNow(NOW.plus(generated.longestRetention()).plusSeconds(1));
          Plan afterRetention = Planner.plan(generated.desired(), applied, later);
          List<KnownAccount> settled = applyAll(applied, afterRetention, later.now());
          assertThat(afterRetention.operations())
              .as(generated.label() + ": only deletes are due after retention")
              .allMatch(operation -> operation instanceof DeleteAccount);
          assertThat(Planner.plan(generated.desired(), settled, later).operations())
              .as(generated.label() + ": replanned after retention")
              .isEmpty();
        });
  }

  @Test
  void planningConvergesWithinTwoRoundsEvenWithZeroRetention() {
    forEachSeed(
        seed -> {
          Case generated = generate(seed, false);
          List<KnownAccount> actual = generated.actual();
          int rounds = 0;
          Plan plan = Planner.plan(generated.desired(), actual, generated.context());
          while (!plan.isEmpty() && rounds < 3) {
            actual = applyAll(actual, plan, NOW);
            rounds++;
            plan = Planner.plan(generated.desired(), actual, generated.context());
          }
          assertThat(plan.operations())
              .as(generated.label() + ": after " + rounds + " rounds")
              .isEmpty();
          assertThat(rounds).as(generated.label()).isLessThanOrEqualTo(2);
        });
  }

  @Test
  void desiredStateAlreadyRealisedGivesAnEmptyPlan() {
    forEachSeed(
        seed -> {
          Case generated = generate(seed, false);
          Random random = new Random(seed ^ 0x5DEECE66DL);
          List<KnownAccount> realised = realise(generated, random);

          assertThat(Planner.plan(generated.desired(), realised, generated.context()).operations())
              .as(generated.label() + ": " + realised)
              .isEmpty();
        });
  }

  /** Actual accounts that satisfy the desired state exactly, plus unrelated noise. */
  private static List<KnownAccount> realise(Case generated, Random random) {
    List<KnownAccount> accounts = new ArrayList<>();
    for (DesiredAccount wanted : generated.desired().accounts()) {
      Map<String, String> attributes = new TreeMap<>(wanted.attributes());
      if (random.nextBoolean()) {
        attributes.put("unmanaged", "kept as is");
      }
      switch (wanted.presence()) {
        case ENABLED ->
            accounts.add(
                new KnownAccount(
                    wanted.target(),
                    wanted.username(),
                    null,
                    wanted.owner(),
                    attributes,
                    true,
                    wanted.entitlements().keySet(),
                    null));
        case DISABLED ->
            accounts.add(
                new KnownAccount(
                    wanted.target(),
                    wanted.username(),
                    null,
                    wanted.owner(),
                    attributes,
                    false,
                    wanted.entitlements().keySet(),
                    random.nextBoolean() ? NOW : null));
        case REVOKED -> {
          if (random.nextBoolean()) {
            accounts.add(
                new KnownAccount(
                    wanted.target(),
                    wanted.username(),
                    null,
                    wanted.owner(),
                    attributes,
                    false,
                    Set.of(),
                    NOW.minus(Duration.ofDays(random.nextInt(400)))));
          }
        }
        case RETIRED -> {
          Duration retention = generated.context().retentionOf(wanted.target());
          if (random.nextBoolean() && !retention.isZero()) {
            accounts.add(
                new KnownAccount(
                    wanted.target(),
                    wanted.username(),
                    null,
                    wanted.owner(),
                    attributes,
                    false,
                    Set.of(),
                    NOW.minus(retention).plusSeconds(1)));
          }
        }
      }
    }
    Set<IdentityId> outside = new TreeSet<>();
    for (int person = 0; person < PEOPLE; person++) {
      if (!generated.desired().scope().contains(person(person))) {
        outside.add(person(person));
      }
    }
    for (KnownAccount account : generated.actual()) {
      boolean unrelated = account.owner() == null || outside.contains(account.owner());
      boolean free =
          accounts.stream()
              .noneMatch(
                  other ->
                      other.target().equals(account.target())
                          && other.username().equals(account.username()));
      if (unrelated && free) {
        accounts.add(account);
      }
    }
    return accounts;
  }

  @Test
  void theSameInputGivesTheSamePlanInAnyOrder() {
    forEachSeed(
        seed -> {
          Case generated = generate(seed, false);
          Random random = new Random(seed);
          List<DesiredAccount> desired = new ArrayList<>(generated.desired().accounts());
          List<KnownAccount> actual = new ArrayList<>(generated.actual());
          Collections.shuffle(desired, random);
          Collections.shuffle(actual, random);

          Plan plan = Planner.plan(generated.desired(), generated.actual(), generated.context());
          Plan again = Planner.plan(generated.desired(), generated.actual(), generated.context());
          Plan shuffled =
              Planner.plan(
                  new DesiredState(new TreeSet<>(generated.desired().scope()), desired),
                  actual,
                  generated.context());

          assertThat(again).as(generated.label()).isEqualTo(plan);
          assertThat(shuffled).as(generated.label() + ": shuffled input").isEqualTo(plan);
          List<Operation> sorted = new ArrayList<>(plan.operations());
          sorted.sort(Planner.ORDER);
          assertThat(plan.operations()).as(generated.label() + ": sorted").isEqualTo(sorted);
          assertThat(new TreeSet<>(plan.operations().stream().map(Operation::toString).toList()))
              .as(generated.label() + ": no duplicate operation")
              .hasSize(plan.size());
        });
  }

  @Test
  void deletesOnlyAccountsDisabledForTheirRetention() {
    forEachSeed(
        seed -> {
          Case generated = generate(seed, false);
          Map<Key, KnownAccount> actual = index(generated.actual());
          Plan plan = Planner.plan(generated.desired(), generated.actual(), generated.context());

          for (Operation operation : plan.operations()) {
            if (operation instanceof DeleteAccount delete) {
              KnownAccount account = actual.get(new Key(delete.target(), delete.username()));
              String label = generated.label() + ": " + delete.describe();
              assertThat(account).as(label).isNotNull();
              assertThat(account.enabled()).as(label + " is enabled").isFalse();
              assertThat(account.disabledAt()).as(label + " has no disabledAt").isNotNull();
              assertThat(
                      account
                          .disabledAt()
                          .plus(generated.context().retentionOf(account.target()))
                          .isAfter(NOW))
                  .as(label + " is still within retention")
                  .isFalse();
              assertThat(
                      generated.desired().accounts().stream()
                          .anyMatch(
                              wanted ->
                                  wanted.target().equals(account.target())
                                      && wanted.username().equals(account.username())
                                      && wanted.presence() == AccountPresence.RETIRED))
                  .as(label + " is not retired")
                  .isTrue();
            }
          }
        });
  }

  @Test
  void operationsOfOneAccountRunInPhaseOrder() {
    forEachSeed(
        seed -> {
          Case generated = generate(seed, false);
          Plan plan = Planner.plan(generated.desired(), generated.actual(), generated.context());
          Map<Key, List<OperationKind>> perAccount = new HashMap<>();
          for (Operation operation : plan.operations()) {
            perAccount
                .computeIfAbsent(
                    new Key(operation.target(), operation.username()), key -> new ArrayList<>())
                .add(operation.kind());
          }
          perAccount.forEach(
              (key, kinds) -> {
                String label = generated.label() + ": " + key + " " + kinds;
                assertThat(kinds).as(label).isSorted();
                assertPrecedes(
                    kinds, OperationKind.CREATE_ACCOUNT, OperationKind.ADD_ENTITLEMENT, label);
                assertPrecedes(
                    kinds, OperationKind.REMOVE_ENTITLEMENT, OperationKind.DISABLE_ACCOUNT, label);
                assertPrecedes(
                    kinds, OperationKind.REMOVE_ENTITLEMENT, OperationKind.DELETE_ACCOUNT, label);
                assertPrecedes(
                    kinds, OperationKind.DISABLE_ACCOUNT, OperationKind.DELETE_ACCOUNT, label);
                assertThat(
                        kinds.contains(OperationKind.DELETE_ACCOUNT)
                            && kinds.contains(OperationKind.DISABLE_ACCOUNT))
                    .as(label + ": disabled and deleted in one plan")
                    .isFalse();
              });
        });
  }

  private static void assertPrecedes(
      List<OperationKind> kinds, OperationKind first, OperationKind then, String label) {
    int lastFirst = kinds.lastIndexOf(first);
    int firstThen = kinds.indexOf(then);
    if (lastFirst >= 0 && firstThen >= 0) {
      assertThat(lastFirst).as(label + ": " + first + " before " + then).isLessThan(firstThen);
    }
  }

  @Test
  void operationsOnlyTouchAccountsOfIdentitiesInScope() {
    forEachSeed(
        seed -> {
          Case generated = generate(seed, false);
          Map<Key, KnownAccount> actual = index(generated.actual());
          Plan plan = Planner.plan(generated.desired(), generated.actual(), generated.context());

          for (Operation operation : plan.operations()) {
            String label = generated.label() + ": " + operation.describe();
            assertThat(operation.owner()).as(label).isNotNull();
            assertThat(generated.desired().scope()).as(label).contains(operation.owner());
            KnownAccount account = actual.get(new Key(operation.target(), operation.username()));
            if (account == null) {
              assertThat(operation.kind())
                  .as(label + " on a missing account")
                  .isIn(OperationKind.CREATE_ACCOUNT, OperationKind.ADD_ENTITLEMENT);
            } else {
              assertThat(account.owner())
                  .as(label + " on someone else's account")
                  .isEqualTo(operation.owner());
            }
          }
        });
  }
}
