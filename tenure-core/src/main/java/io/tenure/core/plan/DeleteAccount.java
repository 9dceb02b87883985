package io.tenure.core.plan;

import io.tenure.core.account.TargetId;
import io.tenure.core.identity.IdentityId;
import org.jspecify.annotations.Nullable;

/** Delete an existing account. */
public record DeleteAccount(
    TargetId target, String username, @Nullable IdentityId owner, Reason reason)
    implements Operation {

  @Override
  public OperationKind kind() {
    return OperationKind.DELETE_ACCOUNT;
  }

  @Override
  public String describe() {
    return "delete " + target + "/" + username;
  }
}
