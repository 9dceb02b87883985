package io.tenure.core.plan;

import io.tenure.core.account.TargetId;
import io.tenure.core.identity.IdentityId;
import org.jspecify.annotations.Nullable;

/** Take an entitlement away from an account. */
public record RemoveEntitlement(
    TargetId target, String username, @Nullable IdentityId owner, String entitlement, Reason reason)
    implements Operation {

  @Override
  public OperationKind kind() {
    return OperationKind.REMOVE_ENTITLEMENT;
  }

  @Override
  public String describe() {
    return "remove " + target + "/" + username + " from " + entitlement;
  }
}
