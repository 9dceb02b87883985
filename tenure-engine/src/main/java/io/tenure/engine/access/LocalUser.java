package io.tenure.engine.access;

import io.tenure.core.identity.IdentityId;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A user who logs in with a password kept by Tenure (never the password itself).
 *
 * @param username the login name (lower-case letters, digits, {@code . _ -}, 1 to 64 characters)
 * @param displayName the name to show
 * @param roles the roles granted explicitly (a person's implicit roles are added when they log in)
 * @param person the person in the identity store this user is, if linked
 * @param createdAt when it was created
 * @param disabledAt when it was disabled, null while it may log in
 */
public record LocalUser(
    String username,
    String displayName,
    Set<AccessRole> roles,
    @Nullable IdentityId person,
    Instant createdAt,
    @Nullable Instant disabledAt) {

  public LocalUser {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(displayName, "displayName");
    Objects.requireNonNull(createdAt, "createdAt");
    roles =
        Collections.unmodifiableSet(
            roles.isEmpty() ? EnumSet.noneOf(AccessRole.class) : EnumSet.copyOf(roles));
  }

  public boolean disabled() {
    return disabledAt != null;
  }
}
