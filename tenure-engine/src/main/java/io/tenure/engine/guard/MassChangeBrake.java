package io.tenure.engine.guard;

import io.tenure.core.account.TargetId;
import io.tenure.core.plan.Operation;
import io.tenure.core.plan.Plan;
import io.tenure.engine.configuration.GuardSettings;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * The mass-change brake's decision, pure: counts, per target, the distinct accounts a plan would
 * disable or delete, and compares them with the target's {@link GuardSettings}.
 *
 * <p>A target's limit is {@code min(maxDisableCount, max(minDisableCount, floor(known ×
 * maxDisablePercent / 100)))}, where {@code known} is the number of accounts Tenure knows on the
 * target. The limit holds over the target's {@linkplain GuardSettings#window() window}: the
 * accounts this plan would deprovision are counted together with those that plans stored within the
 * window before it already disable or delete there (given by {@code earlier}), so that three plans
 * each under the limit cannot together go over it. {@code minDisableCount} accounts (one by
 * default) never trip the percentage (a single leaver is not a mass change, even on a small
 * target); an account both disabled and deleted, or in several plans, counts once.
 *
 * <p>On a tripped target, <b>every operation of each deprovisioned account</b> is held (its
 * entitlement removals too, so that no account is left half-deprovisioned), and nothing else:
 * joiners' creates, movers' updates and the other targets' operations proceed. Per account, plan
 * order is kept, since an account's operations are held or run together.
 */
public final class MassChangeBrake {

  private MassChangeBrake() {}

  /**
   * @param plan the plan to check
   * @param settings the brake settings of a target
   * @param knownAccounts how many accounts Tenure knows on a target
   */
  public static BrakeDecision evaluate(
      Plan plan,
      Function<TargetId, GuardSettings> settings,
      ToLongFunction<TargetId> knownAccounts) {
    return evaluate(plan, settings, knownAccounts, target -> Set.of());
  }

  /**
   * @param plan the plan to check
   * @param settings the brake settings of a target
   * @param knownAccounts how many accounts Tenure knows on a target
   * @param earlier the accounts of a target that plans stored within its window already disable or
   *     delete (asked only for targets this plan deprovisions on)
   */
  public static BrakeDecision evaluate(
      Plan plan,
      Function<TargetId, GuardSettings> settings,
      ToLongFunction<TargetId> knownAccounts,
      Function<TargetId, Set<String>> earlier) {
    Map<TargetId, Set<String>> deprovisioned = new TreeMap<>();
    for (Operation operation : plan.operations()) {
      if (operation.kind().deprovisions()) {
        deprovisioned
            .computeIfAbsent(operation.target(), target -> new HashSet<>())
            .add(operation.username());
      }
    }
    Judgement judgement = judge(deprovisioned, settings, knownAccounts, earlier);
    if (judgement.breaches().isEmpty()) {
      return BrakeDecision.proceed();
    }
    Set<Integer> held = new HashSet<>();
    List<Operation> operations = plan.operations();
    for (int sequence = 0; sequence < operations.size(); sequence++) {
      Operation operation = operations.get(sequence);
      Set<String> accounts = judgement.heldAccounts().get(operation.target());
      if (accounts != null && accounts.contains(operation.username())) {
        held.add(sequence);
      }
    }
    return new BrakeDecision(judgement.breaches(), held);
  }

  /**
   * The brake's judgement of a whole plan from what it counts: the distinct accounts the plan
   * disables or deletes on each target (a plan streamed into the store is judged from these running
   * totals, without being held).
   *
   * @param deprovisioned per target, the accounts the plan disables or deletes
   * @param settings the brake settings of a target
   * @param knownAccounts how many accounts Tenure knows on a target
   * @param earlier the accounts of a target that plans stored within its window already disable or
   *     delete (asked only for targets in {@code deprovisioned})
   */
  public static Judgement judge(
      Map<TargetId, ? extends Set<String>> deprovisioned,
      Function<TargetId, GuardSettings> settings,
      ToLongFunction<TargetId> knownAccounts,
      Function<TargetId, Set<String>> earlier) {
    List<TargetBreach> breaches = new ArrayList<>();
    Map<TargetId, Set<String>> heldAccounts = new TreeMap<>();
    new TreeMap<>(deprovisioned)
        .forEach(
            (target, accounts) -> {
              if (accounts.isEmpty()) {
                return;
              }
              GuardSettings guard = settings.apply(target);
              long known = knownAccounts.applyAsLong(target);
              long allowed = allowed(guard, known);
              Set<String> before = new HashSet<>(earlier.apply(target));
              before.removeAll(accounts);
              if (accounts.size() + before.size() > allowed) {
                breaches.add(
                    new TargetBreach(
                        target, accounts.size(), known, allowed, guard, before.size()));
                heldAccounts.put(target, accounts);
              }
            });
    return new Judgement(breaches, heldAccounts);
  }

  /**
   * What the brake found over a whole plan.
   *
   * @param breaches the targets whose brake the plan trips, in target order
   * @param heldAccounts per tripped target, the accounts every operation of which is held
   */
  public record Judgement(List<TargetBreach> breaches, Map<TargetId, Set<String>> heldAccounts) {

    public Judgement {
      breaches = List.copyOf(breaches);
      heldAccounts = Map.copyOf(heldAccounts);
    }

    public boolean held() {
      return !breaches.isEmpty();
    }
  }

  /** The most accounts one plan may deprovision on a target with this many known accounts. */
  public static long allowed(GuardSettings guard, long knownAccounts) {
    long byPercent =
        Math.max(guard.minDisableCount(), knownAccounts * guard.maxDisablePercent() / 100);
    return Math.min(guard.maxDisableCount(), byPercent);
  }
}
