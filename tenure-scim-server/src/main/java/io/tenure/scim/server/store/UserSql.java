package io.tenure.scim.server.store;

/**
 * The SQL that reads Users: identities joined with their stored resources, the visible ones (not
 * deleted over SCIM) only.
 */
public final class UserSql {

  /** Identities with their stored SCIM resources, if pushed by SCIM. */
  public static final String FROM =
      " from identities i left join scim_users s on s.identity_id = i.id";

  /** The identity {@code i} is a visible User. */
  static final String VISIBLE =
      " not exists (select 1 from scim_deleted_users d where d.identity_id = i.id)";

  /** A User's row: the identity, its stored resource, its times and its Groups. */
  static final String SELECT =
      "select i.id, i.state, i.attributes::text as attributes, s.resource::text as resource,"
          + " s.created_at, greatest(i.updated_at, s.updated_at) as updated_at, "
          + GroupColumns.GROUPS_OF_USER
          + " as groups"
          + FROM;

  private UserSql() {}

  /** The where clause of a search: visible Users matching the condition. */
  public static String where(FilterSql condition) {
    return " where" + VISIBLE + " and " + condition.sql();
  }
}
