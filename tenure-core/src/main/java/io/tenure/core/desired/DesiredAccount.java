package io.tenure.core.desired;

import io.tenure.core.account.TargetId;
import io.tenure.core.identity.IdentityId;
import io.tenure.core.plan.Reason;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What policy says one identity's account on one target should be.
 *
 * @param target the target
 * @param owner the identity
 * @param username the account name (already generated and stable)
 * @param presence whether the account should exist, be enabled, hold entitlements
 * @param attributes desired attribute values by target attribute name (managed attributes only)
 * @param entitlements desired entitlements, each with the reason it is granted; ignored unless
 *     presence is {@link AccountPresence#ENABLED} or {@link AccountPresence#DISABLED}
 * @param reason why the account has this presence (for example {@code "lifecycle ACTIVE, from HR
 *     record people.csv:12"})
 */
public record DesiredAccount(
    TargetId target,
    IdentityId owner,
    String username,
    AccountPresence presence,
    Map<String, String> attributes,
    Map<String, Reason> entitlements,
    Reason reason) {

  public DesiredAccount {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(presence, "presence");
    Objects.requireNonNull(reason, "reason");
    attributes = Collections.unmodifiableMap(new TreeMap<>(attributes));
    entitlements = Collections.unmodifiableMap(new TreeMap<>(entitlements));
  }
}
