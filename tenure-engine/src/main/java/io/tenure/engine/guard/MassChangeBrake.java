package io.tenure.engine.guard;

import io.tenure.core.account.TargetId;
import io.tenure.core.plan.Operation;
import io.tenure.core.plan.Plan;
import io.tenure.engine.configuration.GuardSettings;
import java.util.ArrayList;
import java.util.HashMap;
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
    List<TargetBreach> breaches = new ArrayList<>();
    Map<TargetId, Set<String>> heldAccounts = new HashMap<>();
    deprovisioned.forEach(
        (target, accounts) -> {
          GuardSettings guard = settings.apply(target);
          long known = knownAccounts.applyAsLong(target);
          long allowed = allowed(guard, known);
          Set<String> before = new HashSet<>(earlier.apply(target));
          before.removeAll(accounts);
          if (accounts.size() + before.size() > allowed) {
            breaches.add(
                new TargetBreach(target, accounts.size(), known, allowed, guard, before.size()));
            heldAccounts.put(target, accounts);
          }
        });
    if (breaches.isEmpty()) {
      return BrakeDecision.proceed();
    }
    Set<Integer> held = new HashSet<>();
    List<Operation> operations = plan.operations();
    for (int sequence = 0; sequence < operations.size(); sequence++) {
      Operation operation = operations.get(sequence);
      Set<String> accounts = heldAccounts.get(operation.target());
      if (accounts != null && accounts.contains(operation.username())) {
        held.add(sequence);
      }
    }
    return new BrakeDecision(breaches, held);
  }

  /** The most accounts one plan may deprovision on a target with this many known accounts. */
  public static long allowed(GuardSettings guard, long knownAccounts) {
    long byPercent =
        Math.max(guard.minDisableCount(), knownAccounts * guard.maxDisablePercent() / 100);
    return Math.min(guard.maxDisableCount(), byPercent);
  }
}
