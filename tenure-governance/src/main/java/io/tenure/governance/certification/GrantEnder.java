package io.tenure.governance.certification;

import io.tenure.core.identity.IdentityId;

/**
 * Port: ends the grant behind a role that is not a birthright (a request, an exception, a manual
 * assignment), so that the desired state no longer holds it; the revocation then plans its removal.
 */
@FunctionalInterface
public interface GrantEnder {

  /** Ends nothing (no assignments). */
  GrantEnder NONE = (identity, role, origin, actor, reason) -> false;

  /**
   * Ends the person's active grant of the role whose origin is {@code origin} ({@code request
   * R-12}).
   *
   * @return whether a grant was ended
   */
  boolean end(IdentityId identity, String role, String origin, String actor, String reason);
}
