package io.tenure.store;

import io.tenure.core.identity.IdentityId;
import io.tenure.engine.provisioning.PlanningBacklog;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@link PlanningBacklog} in the table {@code identities_to_plan} (migration V83): one statement
 * per call, the identities passed as an array.
 */
final class JdbcPlanningBacklog implements PlanningBacklog {

  private final JdbcClient client;

  JdbcPlanningBacklog(JdbcClient client) {
    this.client = client;
  }

  @Override
  public void add(Collection<IdentityId> identities) {
    if (identities.isEmpty()) {
      return;
    }
    // in identity order, so that concurrent writers lock these rows in one order
    String[] values =
        new TreeSet<>(identities).stream().map(IdentityId::value).toArray(String[]::new);
    client
        .sql(
            "insert into identities_to_plan (identity_id)"
                + " select identity_id from unnest(?::text[]) as waiting(identity_id)"
                + " order by identity_id on conflict (identity_id) do nothing")
        .param(values)
        .update();
  }

  @Override
  public Set<IdentityId> take() {
    return new TreeSet<>(
        client
            .sql("delete from identities_to_plan returning identity_id")
            .query((row, number) -> new IdentityId(row.getString(1)))
            .list());
  }

  @Override
  public void clear() {
    client.sql("delete from identities_to_plan").update();
  }
}
