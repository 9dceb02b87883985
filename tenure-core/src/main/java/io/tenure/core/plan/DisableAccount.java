package io.tenure.core.plan;

import io.tenure.core.account.TargetId;
import io.tenure.core.identity.IdentityId;
import org.jspecify.annotations.Nullable;

/** Disable an existing account. */
public record DisableAccount(
    TargetId target, String username, @Nullable IdentityId owner, Reason reason)
    implements Operation {

  @Override
  public OperationKind kind() {
    return OperationKind.DISABLE_ACCOUNT;
  }

  @Override
  public String describe() {
    return "disable " + target + "/" + username;
  }
}
