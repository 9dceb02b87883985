package io.tenure.engine.reconciliation;

import io.tenure.core.account.TargetId;
import io.tenure.core.identity.IdentityId;
import io.tenure.core.identity.LifecycleState;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What one reconciliation run found about one account name on a target. There is at most one
 * finding per target and username per run; compliant accounts are counted, not stored.
 *
 * @param target the target
 * @param username the account name
 * @param situation how the account compares with policy
 * @param owner the identity that owns or matches the account, if any
 * @param ownerState that identity's lifecycle state when the finding was made
 * @param accountEnabled whether the account on the target is enabled (false when missing)
 * @param differences what differs from desired, one change per entry (empty when not compared)
 * @param detail a one-line explanation (how it was correlated, why it is an orphan, ...)
 * @param action what reconciliation did about it
 * @param foundAt when the run that made it started
 */
public record Finding(
    TargetId target,
    String username,
    Situation situation,
    @Nullable IdentityId owner,
    @Nullable LifecycleState ownerState,
    boolean accountEnabled,
    List<String> differences,
    String detail,
    FindingAction action,
    Instant foundAt) {

  public Finding {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(situation, "situation");
    Objects.requireNonNull(detail, "detail");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(foundAt, "foundAt");
    differences = List.copyOf(differences);
  }

  /** A copy with another action. */
  public Finding withAction(FindingAction newAction) {
    return new Finding(
        target,
        username,
        situation,
        owner,
        ownerState,
        accountEnabled,
        differences,
        detail,
        newAction,
        foundAt);
  }

  /**
   * True if a terminated person still has this account enabled: the account was found enabled, its
   * owner terminated, and reconciliation did not disable it.
   */
  public boolean terminatedWithEnabledAccount() {
    return ownerState == LifecycleState.TERMINATED
        && accountEnabled
        && situation != Situation.MISSING
        && action != FindingAction.FIXED;
  }
}
