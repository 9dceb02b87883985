package io.tenure.scim.server.store;

import javax.sql.DataSource;

/** The SCIM server's stores on the PostgreSQL database of the identity store. */
public final class ScimStores {

  private ScimStores() {}

  /** The SCIM Users over the identities and {@code scim_users}. */
  public static ScimUserStore users(DataSource dataSource) {
    return new JdbcScimUserStore(dataSource);
  }

  /** The SCIM Groups in {@code scim_groups} and {@code scim_group_members}. */
  public static ScimGroupStore groups(DataSource dataSource) {
    return new JdbcScimGroupStore(dataSource);
  }
}
