package io.tenure.core.plan;

import io.tenure.core.account.TargetId;
import io.tenure.core.identity.IdentityId;
import java.util.List;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** Change some attributes of an existing account (deltas only). */
public record UpdateAccount(
    TargetId target,
    String username,
    @Nullable IdentityId owner,
    List<AttributeChange> changes,
    Reason reason)
    implements Operation {

  public UpdateAccount {
    changes = List.copyOf(changes);
    if (changes.isEmpty()) {
      throw new IllegalArgumentException("an update needs at least one change");
    }
  }

  @Override
  public OperationKind kind() {
    return OperationKind.UPDATE_ACCOUNT;
  }

  @Override
  public String describe() {
    return "update "
        + target
        + "/"
        + username
        + " ("
        + changes.stream().map(AttributeChange::describe).collect(Collectors.joining(", "))
        + ")";
  }
}
