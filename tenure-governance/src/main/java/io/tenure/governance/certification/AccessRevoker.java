package io.tenure.governance.certification;

import io.tenure.core.identity.IdentityId;
import io.tenure.core.plan.Reason;
import java.util.Map;
import java.util.Set;

/**
 * Port: takes a revoked role's access away through the planner: plans for the person (whose desired
 * state no longer holds the role) and applies the plan, each removal carrying {@code reason}.
 */
public interface AccessRevoker {

  /**
   * @param identity the person
   * @param entitlements the revoked role's entitlements per target name: removals of these carry
   *     the reason
   * @param reason the campaign's reason
   * @param actor who revokes ({@code campaign:ID})
   */
  void revoke(
      IdentityId identity, Map<String, Set<String>> entitlements, Reason reason, String actor);
}
