package io.tenure.core.plan;

import io.tenure.core.account.TargetId;
import io.tenure.core.identity.IdentityId;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Create an account, enabled or not, with its attributes. Entitlements follow as separate
 * operations.
 */
public record CreateAccount(
    TargetId target,
    String username,
    IdentityId owner,
    Map<String, String> attributes,
    boolean enabled,
    Reason reason)
    implements Operation {

  public CreateAccount {
    Objects.requireNonNull(owner, "owner");
    attributes = Collections.unmodifiableMap(new TreeMap<>(attributes));
  }

  @Override
  public OperationKind kind() {
    return OperationKind.CREATE_ACCOUNT;
  }

  @Override
  public String describe() {
    return "create " + target + "/" + username + (enabled ? "" : " (disabled)");
  }
}
