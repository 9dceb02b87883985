package io.tenure.engine.access;

import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Who may do what: the permissions of each role. A principal may do what any of its roles allows.
 *
 * <table>
 *   <caption>Permissions per role</caption>
 *   <tr><th>role</th><th>permissions</th></tr>
 *   <tr><td>admin</td><td>all</td></tr>
 *   <tr><td>operator</td><td>own access, people, policy, plans (and deciding held ones),
 *       operations (and retrying or discarding them), findings, requests</td></tr>
 *   <tr><td>auditor</td><td>every {@code VIEW_} permission: own access, people, policy, plans,
 *       operations, findings, audit, metrics, users and tokens, reports, campaigns</td></tr>
 *   <tr><td>approver</td><td>own access, requests (their approval inbox)</td></tr>
 *   <tr><td>self</td><td>own access, requests (for themselves and their reports)</td></tr>
 * </table>
 */
public final class AccessRules {

  private static final Map<AccessRole, Set<Permission>> PERMISSIONS = permissions();

  private AccessRules() {}

  private static Map<AccessRole, Set<Permission>> permissions() {
    Map<AccessRole, Set<Permission>> byRole = new EnumMap<>(AccessRole.class);
    byRole.put(AccessRole.ADMIN, EnumSet.allOf(Permission.class));
    byRole.put(
        AccessRole.OPERATOR,
        EnumSet.of(
            Permission.VIEW_OWN_ACCESS,
            Permission.VIEW_PEOPLE,
            Permission.VIEW_POLICY,
            Permission.VIEW_PLANS,
            Permission.DECIDE_PLANS,
            Permission.VIEW_OPERATIONS,
            Permission.OPERATE_QUEUE,
            Permission.VIEW_FINDINGS,
            Permission.REQUEST_ACCESS));
    byRole.put(
        AccessRole.AUDITOR,
        EnumSet.of(
            Permission.VIEW_OWN_ACCESS,
            Permission.VIEW_PEOPLE,
            Permission.VIEW_POLICY,
            Permission.VIEW_PLANS,
            Permission.VIEW_OPERATIONS,
            Permission.VIEW_FINDINGS,
            Permission.VIEW_AUDIT,
            Permission.VIEW_METRICS,
            Permission.VIEW_ACCESS_CONTROL,
            Permission.VIEW_REPORTS,
            Permission.VIEW_CAMPAIGNS));
    byRole.put(
        AccessRole.APPROVER, EnumSet.of(Permission.VIEW_OWN_ACCESS, Permission.REQUEST_ACCESS));
    byRole.put(AccessRole.SELF, EnumSet.of(Permission.VIEW_OWN_ACCESS, Permission.REQUEST_ACCESS));
    byRole.replaceAll((role, granted) -> Collections.unmodifiableSet(granted));
    return Collections.unmodifiableMap(byRole);
  }

  /** The permissions of one role. */
  public static Set<Permission> of(AccessRole role) {
    return PERMISSIONS.get(role);
  }

  /** Whether any of the roles allows the permission. */
  public static boolean allows(Collection<AccessRole> roles, Permission permission) {
    for (AccessRole role : roles) {
      if (PERMISSIONS.get(role).contains(permission)) {
        return true;
      }
    }
    return false;
  }

  /** Every permission the roles allow together. */
  public static Set<Permission> union(Collection<AccessRole> roles) {
    Set<Permission> all = EnumSet.noneOf(Permission.class);
    roles.forEach(role -> all.addAll(PERMISSIONS.get(role)));
    return Collections.unmodifiableSet(all);
  }
}
