package io.tenure.core.plan;

import io.tenure.core.account.TargetId;
import io.tenure.core.identity.IdentityId;
import org.jspecify.annotations.Nullable;

/** Enable an existing account. */
public record EnableAccount(
    TargetId target, String username, @Nullable IdentityId owner, Reason reason)
    implements Operation {

  @Override
  public OperationKind kind() {
    return OperationKind.ENABLE_ACCOUNT;
  }

  @Override
  public String describe() {
    return "enable " + target + "/" + username;
  }
}
