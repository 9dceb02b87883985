package io.tenure.store;

import io.tenure.engine.store.StoreFingerprint;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@link StoreFingerprint} over the tables planning reads: an MD5 of each table's rows in key order
 * (the identities, their usernames, the known accounts, held plans, SCIM group members), and of the
 * queue's size, newest operation and latest change. One statement; a few hundred milliseconds for a
 * hundred thousand people.
 */
public final class JdbcStoreFingerprint implements StoreFingerprint {

  private static final String FINGERPRINT =
      "select md5(concat_ws('|',"
          + " (select md5(coalesce(string_agg(md5(t::text), '' order by t.id), ''))"
          + " from identities t),"
          + " (select md5(coalesce(string_agg(t::text, '' order by t.identity_id, t.target), ''))"
          + " from identity_usernames t),"
          + " (select md5(coalesce(string_agg(md5(t::text), '' order by t.target, t.username),"
          + " '')) from known_accounts t),"
          + " (select md5(coalesce(string_agg(t::text, '' order by t.plan_id), ''))"
          + " from plan_holds t),"
          + " (select md5(coalesce(string_agg(t::text, '' order by t.group_id, t.identity_id),"
          + " '')) from scim_group_members t),"
          + " (select count(*) || ':' || coalesce(max(id), 0) || ':'"
          + " || coalesce(max(updated_at)::text, '') from operations)))";

  private final JdbcClient client;

  public JdbcStoreFingerprint(DataSource dataSource) {
    this.client = JdbcClient.create(dataSource);
  }

  @Override
  public String fingerprint() {
    return client.sql(FINGERPRINT).query(String.class).single();
  }
}
