package io.tenure.core.plan;

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
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Computes the plan that makes actual state equal to desired state: a pure, deterministic diff.
 *
 * <p>Rules:
 *
 * <ul>
 *   <li>Only accounts owned by identities in {@link DesiredState#scope()} are considered; orphans
 *       and other people's accounts are left alone.
 *   <li>A desired account is matched with the actual account of the same target and username owned
 *       by the same identity. If that username is held on the target by an orphan or by another
 *       identity, the desired account is not created (the planner never takes an account over;
 *       correlation links accounts first) and nothing is planned for it.
 *   <li>Missing account, presence {@code ENABLED} or {@code DISABLED}: {@link CreateAccount}
 *       (enabled when {@code ENABLED}) and an {@link AddEntitlement} per desired entitlement.
 *       Missing account, {@code REVOKED} or {@code RETIRED}: nothing.
 *   <li>Existing account, {@code ENABLED} or {@code DISABLED}: one {@link UpdateAccount} with a
 *       change per desired attribute whose value differs (or is absent); attributes that are not
 *       desired are left alone; {@link EnableAccount} or {@link DisableAccount} when the flag
 *       differs; {@link AddEntitlement} and {@link RemoveEntitlement} for the set differences.
 *   <li>Existing account, {@code REVOKED} or {@code RETIRED}: {@link DisableAccount} if enabled,
 *       {@link RemoveEntitlement} for each entitlement held, and, for {@code RETIRED} only, {@link
 *       DeleteAccount} when the account is already disabled and its {@code disabledAt} is at least
 *       the target's retention before {@code now}. An enabled account, or one without {@code
 *       disabledAt}, is never deleted.
 *   <li>An account of an identity in scope that is not its desired account on that target (no
 *       desired account for the target, or a different username) is treated as {@code REVOKED},
 *       with reason {@code "no longer in scope of target X"} (or {@code "not the account policy
 *       names on target X (jdoe)"}).
 * </ul>
 *
 * <p>Reasons: account-level operations carry the desired account's reason; {@link AddEntitlement}
 * carries the entitlement's reason followed by the desired account's reason (duplicate steps
 * dropped); {@link RemoveEntitlement} carries {@code "no longer granted"} followed by the account
 * reason; {@link DeleteAccount} carries the retention step followed by the account reason.
 *
 * <p>Order: by {@link OperationKind} (its declaration order is the execution phase), then target,
 * username, then entitlement. The order is total, so equal inputs in any iteration order give equal
 * plans.
 */
public final class Planner {

  /** The order of operations in every plan. */
  public static final Comparator<Operation> ORDER =
      Comparator.comparing(Operation::kind)
          .thenComparing(Operation::target)
          .thenComparing(Operation::username)
          .thenComparing(Planner::detail);

  private Planner() {}

  /**
   * The plan that brings {@code actual} to {@code desired}.
   *
   * @param desired what policy says the identities in scope should have
   * @param actual the accounts Tenure knows, on any targets, of any owners; at most one per
   *     (target, username)
   * @param context the moment and the retention periods
   * @throws IllegalArgumentException if two actual accounts share a target and username, or two
   *     desired accounts share a target and an owner or a target and a username
   */
  public static Plan plan(
      DesiredState desired, Collection<KnownAccount> actual, PlanningContext context) {
    Objects.requireNonNull(desired, "desired");
    Objects.requireNonNull(actual, "actual");
    Objects.requireNonNull(context, "context");
    Map<AccountKey, KnownAccount> actualByName = indexActual(actual);
    Map<OwnerKey, DesiredAccount> desiredByOwner = new HashMap<>();
    Map<AccountKey, DesiredAccount> desiredByName = new HashMap<>();
    for (DesiredAccount account : desired.accounts()) {
      DesiredAccount sameOwner =
          desiredByOwner.putIfAbsent(new OwnerKey(account.target(), account.owner()), account);
      if (sameOwner != null) {
        throw new IllegalArgumentException(
            "identity "
                + account.owner()
                + " has two desired accounts on target "
                + account.target());
      }
      DesiredAccount sameName =
          desiredByName.putIfAbsent(new AccountKey(account.target(), account.username()), account);
      if (sameName != null) {
        throw new IllegalArgumentException(
            "desired account "
                + account.target()
                + "/"
                + account.username()
                + " is wanted for both "
                + sameName.owner()
                + " and "
                + account.owner());
      }
    }

    List<Operation> operations = new ArrayList<>();
    for (DesiredAccount wanted : desired.accounts()) {
      KnownAccount existing = actualByName.get(new AccountKey(wanted.target(), wanted.username()));
      if (existing == null) {
        planMissing(wanted, operations);
      } else if (wanted.owner().equals(existing.owner())) {
        planExisting(wanted, existing, context, operations);
      }
      // else: the name is held by an orphan or another identity; never taken over
    }
    for (KnownAccount account : actualByName.values()) {
      IdentityId owner = account.owner();
      if (owner == null || !desired.scope().contains(owner)) {
        continue;
      }
      DesiredAccount wanted = desiredByOwner.get(new OwnerKey(account.target(), owner));
      if (wanted != null && wanted.username().equals(account.username())) {
        continue; // planned above
      }
      Reason reason =
          wanted == null
              ? Reason.of("no longer in scope of target " + account.target())
              : Reason.of(
                  "not the account policy names on target "
                      + account.target()
                      + " ("
                      + wanted.username()
                      + ")");
      planWithdrawal(account, AccountPresence.REVOKED, reason, context, operations);
    }
    operations.sort(ORDER);
    return new Plan(operations);
  }

  private static Map<AccountKey, KnownAccount> indexActual(Collection<KnownAccount> actual) {
    Map<AccountKey, KnownAccount> byName = new TreeMap<>();
    for (KnownAccount account : actual) {
      KnownAccount previous =
          byName.putIfAbsent(new AccountKey(account.target(), account.username()), account);
      if (previous != null) {
        throw new IllegalArgumentException(
            "two known accounts are named " + account.target() + "/" + account.username());
      }
    }
    return byName;
  }

  private static void planMissing(DesiredAccount wanted, List<Operation> operations) {
    if (!keepsAccount(wanted.presence())) {
      return;
    }
    operations.add(
        new CreateAccount(
            wanted.target(),
            wanted.username(),
            wanted.owner(),
            wanted.attributes(),
            wanted.presence() == AccountPresence.ENABLED,
            wanted.reason()));
    wanted
        .entitlements()
        .forEach((entitlement, reason) -> operations.add(grant(wanted, entitlement, reason)));
  }

  private static void planExisting(
      DesiredAccount wanted,
      KnownAccount existing,
      PlanningContext context,
      List<Operation> operations) {
    if (!keepsAccount(wanted.presence())) {
      planWithdrawal(existing, wanted.presence(), wanted.reason(), context, operations);
      return;
    }
    List<AttributeChange> changes = new ArrayList<>();
    wanted
        .attributes()
        .forEach(
            (name, value) -> {
              String current = existing.attributes().get(name);
              if (!value.equals(current)) {
                changes.add(new AttributeChange(name, current, value));
              }
            });
    if (!changes.isEmpty()) {
      operations.add(
          new UpdateAccount(
              wanted.target(), wanted.username(), wanted.owner(), changes, wanted.reason()));
    }
    boolean shouldBeEnabled = wanted.presence() == AccountPresence.ENABLED;
    if (shouldBeEnabled && !existing.enabled()) {
      operations.add(
          new EnableAccount(wanted.target(), wanted.username(), wanted.owner(), wanted.reason()));
    } else if (!shouldBeEnabled && existing.enabled()) {
      operations.add(
          new DisableAccount(wanted.target(), wanted.username(), wanted.owner(), wanted.reason()));
    }
    wanted
        .entitlements()
        .forEach(
            (entitlement, reason) -> {
              if (!existing.entitlements().contains(entitlement)) {
                operations.add(grant(wanted, entitlement, reason));
              }
            });
    for (String held : existing.entitlements()) {
      if (!wanted.entitlements().containsKey(held)) {
        operations.add(
            new RemoveEntitlement(
                wanted.target(),
                wanted.username(),
                wanted.owner(),
                held,
                wanted.reason().because("no longer granted")));
      }
    }
  }

  private static void planWithdrawal(
      KnownAccount account,
      AccountPresence presence,
      Reason reason,
      PlanningContext context,
      List<Operation> operations) {
    if (account.enabled()) {
      operations.add(
          new DisableAccount(account.target(), account.username(), account.owner(), reason));
    }
    for (String held : account.entitlements()) {
      operations.add(
          new RemoveEntitlement(
              account.target(),
              account.username(),
              account.owner(),
              held,
              reason.because("no longer granted")));
    }
    if (presence == AccountPresence.RETIRED && !account.enabled()) {
      Instant disabledAt = account.disabledAt();
      Duration retention = context.retentionOf(account.target());
      if (disabledAt != null
          && Duration.between(disabledAt, context.now()).compareTo(retention) >= 0) {
        operations.add(
            new DeleteAccount(
                account.target(),
                account.username(),
                account.owner(),
                reason.because(
                    "disabled since "
                        + disabledAt
                        + ", retention "
                        + Durations.iso(retention)
                        + " over")));
      }
    }
  }

  private static AddEntitlement grant(DesiredAccount wanted, String entitlement, Reason reason) {
    return new AddEntitlement(
        wanted.target(),
        wanted.username(),
        wanted.owner(),
        entitlement,
        followedBy(reason, wanted.reason()));
  }

  /** {@code first}'s steps, then {@code then}'s steps that are not already there. */
  static Reason followedBy(Reason first, Reason then) {
    LinkedHashSet<String> steps = new LinkedHashSet<>(first.chain());
    steps.addAll(then.chain());
    return new Reason(List.copyOf(steps));
  }

  private static boolean keepsAccount(AccountPresence presence) {
    return presence == AccountPresence.ENABLED || presence == AccountPresence.DISABLED;
  }

  private static String detail(Operation operation) {
    if (operation instanceof AddEntitlement add) {
      return add.entitlement();
    }
    if (operation instanceof RemoveEntitlement remove) {
      return remove.entitlement();
    }
    return "";
  }

  private record AccountKey(TargetId target, String username) implements Comparable<AccountKey> {
    @Override
    public int compareTo(AccountKey other) {
      int byTarget = target.compareTo(other.target);
      return byTarget != 0 ? byTarget : username.compareTo(other.username);
    }
  }

  private record OwnerKey(TargetId target, IdentityId owner) {}
}
