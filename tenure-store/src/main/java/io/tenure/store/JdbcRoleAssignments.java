package io.tenure.store;

import io.tenure.core.identity.IdentityId;
import io.tenure.core.plan.Reason;
import io.tenure.engine.planning.RoleAssignments;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Roles assigned by SCIM group membership: a group an identity is a member of assigns the name of
 * the group ({@code displayName}) when that name is one of the roles {@code scim.roles} opens to
 * SCIM (none by default); planning grants it when it is a configured role. The root cause of the
 * reason chain is {@code "SCIM group <displayName> (assigned by <actor>)"}, the actor being the one
 * who added the member.
 */
public final class JdbcRoleAssignments implements RoleAssignments {

  private final JdbcClient client;
  private final Set<String> assignable;

  /**
   * @param assignable the roles SCIM Groups may assign ({@code scim.roles})
   */
  public JdbcRoleAssignments(DataSource dataSource, Set<String> assignable) {
    this.client = JdbcClient.create(dataSource);
    this.assignable = Set.copyOf(assignable);
  }

  @Override
  public Map<IdentityId, Map<String, Reason>> assignedTo(Collection<IdentityId> identities) {
    if (identities.isEmpty() || assignable.isEmpty()) {
      return Map.of();
    }
    String[] ids = identities.stream().map(IdentityId::value).distinct().toArray(String[]::new);
    Map<IdentityId, Map<String, Reason>> assigned = new HashMap<>();
    client
        .sql(
            "select m.identity_id, g.display_name, m.added_by from scim_group_members m"
                + " join scim_groups g on g.id = m.group_id where m.identity_id = any(?)"
                + " and g.display_name = any(?)")
        .param(ids)
        .param(assignable.toArray(String[]::new))
        .query(
            row -> {
              assigned
                  .computeIfAbsent(
                      new IdentityId(row.getString("identity_id")), key -> new TreeMap<>())
                  .put(
                      row.getString("display_name"),
                      Reason.of(
                          "SCIM group "
                              + row.getString("display_name")
                              + " (assigned by "
                              + row.getString("added_by")
                              + ")"));
            });
    return assigned;
  }
}
