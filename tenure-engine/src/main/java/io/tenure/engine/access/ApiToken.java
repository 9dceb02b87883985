package io.tenure.engine.access;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A stored API token, without its secret.
 *
 * @param id the public identifier (part of the token string)
 * @param name the name an administrator gave it (recorded as the actor of what it does)
 * @param scope what it may reach
 * @param createdAt when it was created
 * @param revokedAt when it was revoked, or null while valid
 * @param user the local user it acts as (with that user's roles), or null: an {@code admin} token
 *     bound to nobody acts as an administrator
 */
public record ApiToken(
    String id,
    String name,
    TokenScope scope,
    Instant createdAt,
    @Nullable Instant revokedAt,
    @Nullable String user) {

  /** A token bound to no user. */
  public ApiToken(
      String id, String name, TokenScope scope, Instant createdAt, @Nullable Instant revokedAt) {
    this(id, name, scope, createdAt, revokedAt, null);
  }

  public boolean revoked() {
    return revokedAt != null;
  }
}
