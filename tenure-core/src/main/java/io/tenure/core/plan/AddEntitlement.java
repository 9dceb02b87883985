package io.tenure.core.plan;

import io.tenure.core.account.TargetId;
import io.tenure.core.identity.IdentityId;
import org.jspecify.annotations.Nullable;

/** Grant an entitlement (a group, a role) to an account. */
public record AddEntitlement(
    TargetId target, String username, @Nullable IdentityId owner, String entitlement, Reason reason)
    implements Operation {

  @Override
  public OperationKind kind() {
    return OperationKind.ADD_ENTITLEMENT;
  }

  @Override
  public String describe() {
    return "add " + target + "/" + username + " to " + entitlement;
  }
}
