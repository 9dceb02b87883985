package io.tenure.governance.certification;

import io.tenure.core.identity.Identity;
import io.tenure.core.plan.Reason;
import java.util.Map;
import java.util.Set;

/**
 * Port: the roles a person holds today with the reason chain of each, and each role's entitlements
 * per target (what a revocation takes away).
 */
public interface HeldRoles {

  /** The person's roles granted directly (not only through another role), with their reasons. */
  Map<String, Reason> of(Identity person);

  /** The role's entitlements per target name (with what it includes). */
  Map<String, Set<String>> entitlements(String role);
}
