package io.tenure.store;

import io.tenure.core.account.KnownAccount;
import io.tenure.core.account.TargetId;
import io.tenure.core.identity.IdentityId;
import io.tenure.engine.account.AccountRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Known accounts in the {@code known_accounts} table. */
final class JdbcAccountRepository implements AccountRepository {

  private static final String SELECT =
      "select target, username, native_id, owner, attributes::text as attributes, enabled,"
          + " entitlements::text as entitlements, disabled_at from known_accounts";
  private static final int OWNERS_PER_QUERY = 1000;

  private final JdbcClient client;
  private final Json json;
  private final Clock clock;

  JdbcAccountRepository(JdbcClient client, Json json, Clock clock) {
    this.client = client;
    this.json = json;
    this.clock = clock;
  }

  @Override
  public Optional<KnownAccount> find(TargetId target, String username) {
    return client
        .sql(SELECT + " where target = ? and username = ?")
        .param(target.value())
        .param(username)
        .query(this::map)
        .optional();
  }

  @Override
  public List<KnownAccount> findAll(TargetId target, Collection<String> usernames) {
    if (usernames.isEmpty()) {
      return List.of();
    }
    return client
        .sql(SELECT + " where target = ? and username = any(?)")
        .param(target.value())
        .param(usernames.stream().distinct().toArray(String[]::new))
        .query(this::map)
        .list();
  }

  @Override
  public List<KnownAccount> findByOwners(Collection<IdentityId> owners) {
    List<String> ids = owners.stream().map(IdentityId::value).distinct().sorted().toList();
    List<KnownAccount> accounts = new ArrayList<>();
    for (int from = 0; from < ids.size(); from += OWNERS_PER_QUERY) {
      accounts.addAll(
          client
              .sql(SELECT + " where owner in (:owners) order by owner, target, username")
              .param("owners", ids.subList(from, Math.min(ids.size(), from + OWNERS_PER_QUERY)))
              .query(this::map)
              .list());
    }
    return accounts;
  }

  @Override
  public Stream<KnownAccount> stream(TargetId target) {
    return client
        .sql(SELECT + " where target = ? order by username")
        .param(target.value())
        .query(this::map)
        .stream();
  }

  @Override
  public void save(KnownAccount account) {
    IdentityId owner = account.owner();
    client
        .sql(
            "insert into known_accounts (target, username, native_id, owner, attributes, enabled,"
                + " entitlements, disabled_at, updated_at)"
                + " values (?, ?, ?, ?, ?::jsonb, ?, ?::jsonb, ?, ?)"
                + " on conflict (target, username) do update set native_id = excluded.native_id,"
                + " owner = excluded.owner, attributes = excluded.attributes,"
                + " enabled = excluded.enabled, entitlements = excluded.entitlements,"
                + " disabled_at = excluded.disabled_at, updated_at = excluded.updated_at")
        .param(account.target().value())
        .param(account.username())
        .param(account.nativeId())
        .param(owner == null ? null : owner.value())
        .param(json.write(account.attributes()))
        .param(account.enabled())
        .param(json.writeStrings(account.entitlements()))
        .param(Timestamps.bind(account.disabledAt()))
        .param(Timestamps.bind(clock.instant()))
        .update();
  }

  /**
   * One upsert for all, the accounts as arrays ({@code unnest}), in target and username order; of
   * several with the same target and username, the last is saved.
   */
  @Override
  public void saveAll(Collection<KnownAccount> accounts) {
    Map<String, KnownAccount> last = new TreeMap<>();
    for (KnownAccount account : accounts) {
      last.put(account.target().value() + "\u0000" + account.username(), account);
    }
    if (last.isEmpty()) {
      return;
    }
    int size = last.size();
    String[] targets = new String[size];
    String[] usernames = new String[size];
    String[] nativeIds = new String[size];
    String[] owners = new String[size];
    String[] attributes = new String[size];
    String[] enabled = new String[size];
    String[] entitlements = new String[size];
    String[] disabledAt = new String[size];
    int index = 0;
    for (KnownAccount account : last.values()) {
      IdentityId owner = account.owner();
      targets[index] = account.target().value();
      usernames[index] = account.username();
      nativeIds[index] = account.nativeId();
      owners[index] = owner == null ? null : owner.value();
      attributes[index] = json.write(account.attributes());
      enabled[index] = Boolean.toString(account.enabled());
      entitlements[index] = json.writeStrings(account.entitlements());
      disabledAt[index] =
          account.disabledAt() == null
              ? null
              : Timestamps.truncate(account.disabledAt()).toString();
      index++;
    }
    client
        .sql(
            "insert into known_accounts (target, username, native_id, owner, attributes, enabled,"
                + " entitlements, disabled_at, updated_at)"
                + " select a.target, a.username, a.native_id, a.owner, a.attributes::jsonb,"
                + " a.enabled::boolean, a.entitlements::jsonb, a.disabled_at::timestamptz, ?"
                + " from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],"
                + " ?::text[], ?::text[]) as a(target, username, native_id, owner, attributes,"
                + " enabled, entitlements, disabled_at)"
                + " on conflict (target, username) do update set native_id = excluded.native_id,"
                + " owner = excluded.owner, attributes = excluded.attributes,"
                + " enabled = excluded.enabled, entitlements = excluded.entitlements,"
                + " disabled_at = excluded.disabled_at, updated_at = excluded.updated_at")
        .param(Timestamps.bind(clock.instant()))
        .param(targets)
        .param(usernames)
        .param(nativeIds)
        .param(owners)
        .param(attributes)
        .param(enabled)
        .param(entitlements)
        .param(disabledAt)
        .update();
  }

  @Override
  public void deleteAll(TargetId target, Collection<String> usernames) {
    if (usernames.isEmpty()) {
      return;
    }
    client
        .sql("delete from known_accounts where target = ? and username = any(?)")
        .param(target.value())
        .param(usernames.stream().distinct().sorted().toArray(String[]::new))
        .update();
  }

  @Override
  public void delete(TargetId target, String username) {
    client
        .sql("delete from known_accounts where target = ? and username = ?")
        .param(target.value())
        .param(username)
        .update();
  }

  @Override
  public long count(TargetId target) {
    return client
        .sql("select count(*) from known_accounts where target = ?")
        .param(target.value())
        .query(Long.class)
        .single();
  }

  private KnownAccount map(ResultSet row, int number) throws SQLException {
    String owner = row.getString("owner");
    return new KnownAccount(
        new TargetId(row.getString("target")),
        row.getString("username"),
        row.getString("native_id"),
        owner == null ? null : new IdentityId(owner),
        json.readMap(row.getString("attributes")),
        row.getBoolean("enabled"),
        json.readSet(row.getString("entitlements")),
        Timestamps.read(row, "disabled_at"));
  }
}
