package io.tenure.core.account;

import io.tenure.core.identity.IdentityId;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * An account as Tenure knows it on a target: the actual state the planner diffs against.
 *
 * @param target the target
 * @param username the account name (naming attribute value); unique per target
 * @param nativeId the target's own id (DN, SCIM id), if known
 * @param owner the identity that owns the account, if linked; an unlinked account is an orphan
 * @param attributes managed attribute values by name
 * @param enabled whether the account can be used
 * @param entitlements entitlements held (group names, roles)
 * @param disabledAt when Tenure saw or made the account disabled; absent when enabled. Retention
 *     before deletion counts from here.
 */
public record KnownAccount(
    TargetId target,
    String username,
    @Nullable String nativeId,
    @Nullable IdentityId owner,
    Map<String, String> attributes,
    boolean enabled,
    Set<String> entitlements,
    @Nullable Instant disabledAt) {

  public KnownAccount {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(username, "username");
    attributes = Collections.unmodifiableMap(new TreeMap<>(attributes));
    entitlements = Collections.unmodifiableSet(new TreeSet<>(entitlements));
  }

  public Optional<IdentityId> ownerId() {
    return Optional.ofNullable(owner);
  }

  public Optional<String> nativeIdentifier() {
    return Optional.ofNullable(nativeId);
  }

  public Optional<Instant> disabledSince() {
    return Optional.ofNullable(disabledAt);
  }
}
