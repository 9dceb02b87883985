package io.tenure.scim.server.store;

import com.unboundid.scim2.common.exceptions.BadRequestException;
import io.tenure.core.identity.IdentityId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@link ScimGroupStore} on PostgreSQL: {@code scim_groups g} (displayName unique by a {@code
 * lower(display_name)} index) and {@code scim_group_members m}; searches run in SQL ({@link
 * FilterSql} over {@link GroupColumns}).
 */
final class JdbcScimGroupStore implements ScimGroupStore {

  private static final String SELECT =
      "select g.id, g.display_name, g.external_id, g.created_at, g.updated_at, g.version"
          + " from scim_groups g";

  private final JdbcClient client;

  JdbcScimGroupStore(DataSource dataSource) {
    this.client = JdbcClient.create(dataSource);
  }

  @Override
  public Optional<StoredGroup> find(String id) {
    return row(id, "");
  }

  @Override
  public Optional<StoredGroup> lock(String id) {
    return row(id, " for update");
  }

  private Optional<StoredGroup> row(String id, String lock) {
    return client
        .sql(SELECT + " where g.id = ?" + lock)
        .param(id)
        .query(JdbcScimGroupStore::group)
        .optional();
  }

  @Override
  public SearchResults<StoredGroup> search(SearchQuery query) throws BadRequestException {
    FilterSql condition =
        query.filtered() ? FilterSql.of(query.filter(), GroupColumns.COLUMNS) : FilterSql.all();
    String where = " where " + condition.sql();
    long total =
        client
            .sql("select count(*) from scim_groups g" + where)
            .params(condition.parameters())
            .query(Long.class)
            .single();
    String sortBy = query.sortBy();
    if (sortBy != null && GroupColumns.namesMembers(sortBy)) {
      throw BadRequestException.invalidValue("cannot sort by '" + sortBy + "'");
    }
    String order = FilterSql.orderBy(sortBy, query.descending(), GroupColumns.COLUMNS, "g.id");
    List<Object> parameters = new ArrayList<>(condition.parameters());
    parameters.add(query.limit());
    parameters.add(query.offset());
    List<StoredGroup> page =
        query.limit() == 0
            ? List.of()
            : client
                .sql(SELECT + where + order + " limit ? offset ?")
                .params(parameters)
                .query(JdbcScimGroupStore::group)
                .list();
    return new SearchResults<>(total, page);
  }

  @Override
  public Map<String, List<StoredGroup.Member>> members(List<String> groups) {
    Map<String, List<StoredGroup.Member>> members = new HashMap<>();
    if (groups.isEmpty()) {
      return members;
    }
    client
        .sql(
            "select m.group_id, m.identity_id, "
                + GroupColumns.display("m")
                + " as display from scim_group_members m where m.group_id = any(?)"
                + " order by m.group_id, m.identity_id")
        .param(groups.toArray(String[]::new))
        .query(
            row -> {
              members
                  .computeIfAbsent(row.getString("group_id"), key -> new ArrayList<>())
                  .add(
                      new StoredGroup.Member(
                          row.getString("identity_id"), row.getString("display")));
            });
    return members;
  }

  @Override
  public Set<String> memberIds(String group) {
    return new TreeSet<>(
        client
            .sql("select identity_id from scim_group_members where group_id = ?")
            .param(group)
            .query(String.class)
            .list());
  }

  @Override
  public boolean isDisplayNameTaken(String displayName, @Nullable String except) {
    return client
        .sql(
            "select exists (select 1 from scim_groups where lower(display_name) = lower(?)"
                + " and id <> ?)")
        .param(displayName)
        .param(except == null ? "" : except)
        .query(Boolean.class)
        .single();
  }

  @Override
  public void create(String id, String displayName, @Nullable String externalId, Instant at) {
    OffsetDateTime now = utc(at);
    try {
      client
          .sql(
              "insert into scim_groups (id, display_name, external_id, created_at,"
                  + " updated_at) values (?, ?, ?, ?, ?)")
          .param(id)
          .param(displayName)
          .param(externalId)
          .param(now)
          .param(now)
          .update();
    } catch (DuplicateKeyException e) {
      throw new DisplayNameTaken(displayName, e);
    }
  }

  @Override
  public void createUnlessNamed(String id, String displayName, Instant at) {
    OffsetDateTime now = utc(at);
    client
        .sql(
            "insert into scim_groups (id, display_name, created_at, updated_at)"
                + " values (?, ?, ?, ?) on conflict ((lower(display_name))) do nothing")
        .param(id)
        .param(displayName)
        .param(now)
        .param(now)
        .update();
  }

  @Override
  public void update(String id, String displayName, @Nullable String externalId, Instant at) {
    try {
      client
          .sql(
              "update scim_groups set display_name = ?, external_id = ?,"
                  + " updated_at = ?, version = version + 1 where id = ?")
          .param(displayName)
          .param(externalId)
          .param(utc(at))
          .param(id)
          .update();
    } catch (DuplicateKeyException e) {
      throw new DisplayNameTaken(displayName, e);
    }
  }

  @Override
  public void addMembers(String group, Set<String> users, Instant at, String actor) {
    client
        .sql(
            "insert into scim_group_members (group_id, identity_id, added_at, added_by)"
                + " select ?, member, ?, ? from unnest(?::text[]) as member")
        .param(group)
        .param(utc(at))
        .param(actor)
        .param(users.toArray(String[]::new))
        .update();
  }

  @Override
  public void removeMembers(String group, Set<String> users) {
    client
        .sql("delete from scim_group_members where group_id = ? and identity_id = any(?)")
        .param(group)
        .param(users.toArray(String[]::new))
        .update();
  }

  @Override
  public void delete(String id) {
    client.sql("delete from scim_groups where id = ?").param(id).update();
  }

  @Override
  public List<String> removeFromAllGroups(IdentityId user) {
    return client
        .sql("delete from scim_group_members where identity_id = ? returning group_id")
        .param(user.value())
        .query(String.class)
        .list();
  }

  @Override
  public Set<String> visibleUsers(Set<String> ids) {
    return new TreeSet<>(
        client
            .sql("select i.id from identities i where i.id = any(?) and" + UserSql.VISIBLE)
            .param(ids.toArray(String[]::new))
            .query(String.class)
            .list());
  }

  @Override
  public List<String> groups(Set<String> ids) {
    return client
        .sql("select id from scim_groups where id = any(?) order by id")
        .param(ids.toArray(String[]::new))
        .query(String.class)
        .list();
  }

  private static OffsetDateTime utc(Instant at) {
    return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
  }

  private static StoredGroup group(ResultSet row, int number) throws SQLException {
    return new StoredGroup(
        row.getString("id"),
        row.getString("display_name"),
        row.getString("external_id"),
        row.getObject("created_at", OffsetDateTime.class),
        row.getObject("updated_at", OffsetDateTime.class),
        row.getLong("version"));
  }
}
