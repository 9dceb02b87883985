package io.tenure.scim.server.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.utils.JsonUtils;
import io.tenure.core.identity.IdentityId;
import io.tenure.core.identity.LifecycleState;
import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@link ScimUserStore} on PostgreSQL: identities ({@code identities i}) left-joined with their
 * stored resources ({@code scim_users s}), hidden by {@code scim_deleted_users}; searches run in
 * SQL ({@link FilterSql}), never by loading everybody. The userNames of the Users SCIM wrote are
 * held in {@code scim_user_names} (unique), written with the resource.
 */
final class JdbcScimUserStore implements ScimUserStore {

  /**
   * Whether a visible User other than the second parameter shows the first as its userName,
   * ignoring case (on the index {@code identities_scim_user_name}).
   */
  private static final String SHOWN_BY_ANOTHER =
      "exists (select 1 from identities i where"
          + UserSql.VISIBLE
          + " and lower("
          + UserColumns.userName()
          + ") = lower(?) and i.id <> ?)";

  private final JdbcClient client;

  JdbcScimUserStore(DataSource dataSource) {
    this.client = JdbcClient.create(dataSource);
  }

  @Override
  public Optional<StoredUser> find(IdentityId id) {
    return client
        .sql(UserSql.SELECT + " where i.id = ? and" + UserSql.VISIBLE)
        .param(id.value())
        .query(JdbcScimUserStore::user)
        .optional();
  }

  @Override
  public boolean isVisible(IdentityId id) {
    return client
        .sql("select exists (select 1 from identities i where i.id = ? and" + UserSql.VISIBLE + ")")
        .param(id.value())
        .query(Boolean.class)
        .single();
  }

  @Override
  public SearchResults<StoredUser> search(SearchQuery query) throws BadRequestException {
    FilterSql condition = query.filtered() ? FilterSql.of(query.filter()) : FilterSql.all();
    String where = UserSql.where(condition);
    long total =
        client
            .sql("select count(*)" + UserSql.FROM + where)
            .params(condition.parameters())
            .query(Long.class)
            .single();
    String order =
        FilterSql.orderBy(query.sortBy(), query.descending(), UserColumns::column, "i.id");
    List<Object> parameters = new ArrayList<>(condition.parameters());
    parameters.add(query.limit());
    parameters.add(query.offset());
    List<StoredUser> page =
        query.limit() == 0
            ? List.of()
            : client
                .sql(UserSql.SELECT + where + order + " limit ? offset ?")
                .params(parameters)
                .query(JdbcScimUserStore::user)
                .list();
    return new SearchResults<>(total, page);
  }

  @Override
  public boolean isUserNameTaken(String userName, @Nullable IdentityId except) {
    return client
        .sql("select " + SHOWN_BY_ANOTHER)
        .param(userName)
        .param(except == null ? "" : except.value())
        .query(Boolean.class)
        .single();
  }

  @Override
  public boolean save(IdentityId id, String userName, @Nullable ObjectNode resource, Instant at) {
    OffsetDateTime now = OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    List<Object> parameters = new ArrayList<>(List.of(id.value(), userName));
    StringBuilder sql =
        new StringBuilder(
            "with claimed as (insert into scim_user_names (identity_id, user_name)"
                + " values (?, lower(?)) on conflict (identity_id) do update"
                + " set user_name = excluded.user_name"
                + " where scim_user_names.user_name <> excluded.user_name)");
    if (resource != null) {
      sql.append(
          ", stored as (insert into scim_users (identity_id, resource, created_at, updated_at)"
              + " values (?, ?::jsonb, ?, ?) on conflict (identity_id) do update"
              + " set resource = excluded.resource, updated_at = excluded.updated_at"
              + " where scim_users.resource is distinct from excluded.resource)");
      parameters.addAll(List.of(id.value(), resource.toString(), now, now));
    }
    sql.append(" select not ").append(SHOWN_BY_ANOTHER);
    parameters.addAll(List.of(userName, id.value()));
    try {
      return client.sql(sql.toString()).params(parameters).query(Boolean.class).single();
    } catch (DuplicateKeyException e) {
      throw new UserNameTaken(userName, e);
    }
  }

  @Override
  public void show(IdentityId id) {
    client.sql("delete from scim_deleted_users where identity_id = ?").param(id.value()).update();
  }

  @Override
  public void hide(IdentityId id, Instant at, String actor) {
    client
        .sql(
            "with released as (delete from scim_user_names where identity_id = ?)"
                + " insert into scim_deleted_users (identity_id, deleted_at, actor)"
                + " values (?, ?, ?) on conflict (identity_id) do nothing")
        .param(id.value())
        .param(id.value())
        .param(OffsetDateTime.ofInstant(at, ZoneOffset.UTC))
        .param(actor)
        .update();
  }

  private static StoredUser user(ResultSet row, int number) throws SQLException {
    String stored = row.getString("resource");
    Timestamp created = row.getTimestamp("created_at");
    return new StoredUser(
        new IdentityId(row.getString("id")),
        LifecycleState.valueOf(row.getString("state")),
        attributes(row.getString("attributes")),
        stored == null ? null : (ObjectNode) json(stored),
        created == null ? null : created.toInstant(),
        row.getTimestamp("updated_at").toInstant(),
        groups(row.getString("groups")));
  }

  private static Map<String, String> attributes(String text) throws SQLException {
    Map<String, String> attributes = new TreeMap<>();
    JsonNode node = json(text);
    for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (!field.getValue().isNull()) {
        attributes.put(field.getKey(), field.getValue().asText());
      }
    }
    return attributes;
  }

  /** The Groups of {@link GroupColumns#GROUPS_OF_USER} (null when none). */
  private static List<StoredUser.Group> groups(@Nullable String text) throws SQLException {
    List<StoredUser.Group> groups = new ArrayList<>();
    if (text == null) {
      return groups;
    }
    try {
      for (JsonNode group : json(text)) {
        groups.add(
            new StoredUser.Group(group.get("value").textValue(), group.get("display").textValue()));
      }
    } catch (RuntimeException e) {
      throw new SQLException("the groups of a User are not a JSON array", e);
    }
    return groups;
  }

  private static JsonNode json(String text) throws SQLException {
    try {
      return JsonUtils.getObjectReader().readTree(text);
    } catch (IOException e) {
      throw new SQLException("stored JSON is not JSON", e);
    }
  }
}
