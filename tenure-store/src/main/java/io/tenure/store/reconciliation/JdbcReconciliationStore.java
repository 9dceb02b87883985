package io.tenure.store.reconciliation;

import io.tenure.core.account.KnownAccount;
import io.tenure.core.account.TargetId;
import io.tenure.core.identity.Identity;
import io.tenure.core.identity.IdentityId;
import io.tenure.engine.reconciliation.ReconciliationStore;
import io.tenure.store.IdentityKeys;
import io.tenure.store.IdentityRows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The batch and paged reads of reconciliation over the store's tables ({@code identities}, {@code
 * identity_usernames}, {@code known_accounts}): one query per batch, keyset pagination for pages.
 */
public final class JdbcReconciliationStore implements ReconciliationStore {

  private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {};
  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};
  private static final String IDENTITY = IdentityRows.SELECT;
  private static final String ACCOUNT =
      "select target, username, native_id, owner, attributes::text as attributes, enabled,"
          + " entitlements::text as entitlements, disabled_at from known_accounts";

  private final JdbcClient client;
  private final JsonMapper json = JsonMapper.builder().build();
  private final IdentityRows identities = new IdentityRows();

  public JdbcReconciliationStore(JdbcClient client) {
    this.client = client;
  }

  @Override
  public Map<String, KnownAccount> knownAccounts(TargetId target, Collection<String> usernames) {
    Map<String, KnownAccount> found = new HashMap<>();
    if (usernames.isEmpty()) {
      return found;
    }
    client
        .sql(ACCOUNT + " where target = ? and username = any (?)")
        .param(target.value())
        .param(usernames.toArray(String[]::new))
        .query(this::account)
        .list()
        .forEach(account -> found.put(account.username(), account));
    return found;
  }

  @Override
  public Map<String, IdentityId> identitiesByUsername(
      TargetId target, Collection<String> usernames) {
    Map<String, IdentityId> found = new HashMap<>();
    if (usernames.isEmpty()) {
      return found;
    }
    client
        .sql(
            "select username, identity_id from identity_usernames"
                + " where target = ? and username = any (?)")
        .param(target.value())
        .param(usernames.toArray(String[]::new))
        .query((row, number) -> found.put(row.getString(1), new IdentityId(row.getString(2))))
        .list();
    return found;
  }

  @Override
  public Map<String, List<IdentityId>> identitiesByAttribute(
      String attribute, Collection<String> values) {
    Map<String, List<IdentityId>> found = new HashMap<>();
    if (values.isEmpty()) {
      return found;
    }
    // one probe of the attribute's index per value (IdentityKeys; other attributes read the table)
    client
        .sql(
            "select v.value, i.id from unnest(?::text[]) as v(value)"
                + " join identities i on "
                + IdentityKeys.equalTo("i", attribute, "v.value")
                + " order by i.id")
        .param(values.toArray(String[]::new))
        .query(
            (row, number) ->
                found
                    .computeIfAbsent(row.getString(1), key -> new ArrayList<>())
                    .add(new IdentityId(row.getString(2))))
        .list();
    return found;
  }

  @Override
  public List<Identity> identities(Collection<IdentityId> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    return client
        .sql(IDENTITY + " where i.id = any (?)")
        .param(ids.stream().map(IdentityId::value).distinct().toArray(String[]::new))
        .query(this::identity)
        .list();
  }

  @Override
  public List<Identity> identitiesAfter(@Nullable IdentityId after, int limit) {
    if (after == null) {
      return client
          .sql(IDENTITY + " order by i.id limit ?")
          .param(limit)
          .query(this::identity)
          .list();
    }
    return client
        .sql(IDENTITY + " where i.id > ? order by i.id limit ?")
        .param(after.value())
        .param(limit)
        .query(this::identity)
        .list();
  }

  @Override
  public List<KnownAccount> knownAccountsAfter(TargetId target, @Nullable String after, int limit) {
    if (after == null) {
      return client
          .sql(ACCOUNT + " where target = ? order by username limit ?")
          .param(target.value())
          .param(limit)
          .query(this::account)
          .list();
    }
    return client
        .sql(ACCOUNT + " where target = ? and username > ? order by username limit ?")
        .param(target.value())
        .param(after)
        .param(limit)
        .query(this::account)
        .list();
  }

  private Identity identity(ResultSet row, int number) throws SQLException {
    return identities.read(row, number);
  }

  private KnownAccount account(ResultSet row, int number) throws SQLException {
    String owner = row.getString("owner");
    OffsetDateTime disabledAt = row.getObject("disabled_at", OffsetDateTime.class);
    return new KnownAccount(
        new TargetId(row.getString("target")),
        row.getString("username"),
        row.getString("native_id"),
        owner == null ? null : new IdentityId(owner),
        readMap(row.getString("attributes")),
        row.getBoolean("enabled"),
        readSet(row.getString("entitlements")),
        disabledAt == null ? null : disabledAt.toInstant());
  }

  private Map<String, String> readMap(@Nullable String text) {
    return text == null || text.isBlank()
        ? Map.of()
        : new TreeMap<>(json.readValue(text, STRING_MAP));
  }

  private Set<String> readSet(@Nullable String text) {
    return text == null || text.isBlank() ? Set.of() : new TreeSet<>(json.readValue(text, STRINGS));
  }
}
