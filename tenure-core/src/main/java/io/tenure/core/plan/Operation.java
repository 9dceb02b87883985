package io.tenure.core.plan;

import io.tenure.core.account.TargetId;
import io.tenure.core.identity.IdentityId;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One change to one account on one target, with the reason it is needed. Operations are values:
 * equal operations mean the same change for the same reason.
 */
public sealed interface Operation
    permits CreateAccount,
        UpdateAccount,
        EnableAccount,
        DisableAccount,
        DeleteAccount,
        AddEntitlement,
        RemoveEntitlement {

  /** The target the operation changes. */
  TargetId target();

  /** The account name on the target. */
  String username();

  /** The identity the account belongs to; null only for orphan accounts. */
  @Nullable IdentityId owner();

  /** Why the operation is needed. */
  Reason reason();

  /** The kind of operation, which also fixes its phase in a plan. */
  OperationKind kind();

  default Optional<IdentityId> ownerId() {
    return Optional.ofNullable(owner());
  }

  /**
   * A one-line human-readable description without the reason, e.g. {@code add directory/jdoe to
   * staff}.
   */
  String describe();
}
