package io.tenure.store;

import io.tenure.core.identity.IdentityId;
import io.tenure.engine.access.AccessRole;
import io.tenure.engine.access.LocalUser;
import io.tenure.engine.access.UserRepository;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Local users in the {@code local_users} table: the hash of each password, never the password. */
public final class JdbcUserRepository implements UserRepository {

  private static final String COLUMNS =
      "username, display_name, roles, identity_id, password_hash, created_at, disabled_at,"
          + " failures, locked_until";

  private final JdbcClient client;

  public JdbcUserRepository(DataSource dataSource) {
    this.client = JdbcClient.create(dataSource);
  }

  @Override
  public void insert(LocalUser user, String passwordHash) {
    try {
      client
          .sql(
              "insert into local_users (username, display_name, roles, identity_id, password_hash,"
                  + " created_at) values (?, ?, ?, ?, ?, ?)")
          .param(user.username())
          .param(user.displayName())
          .param(user.roles().stream().map(AccessRole::label).toArray(String[]::new))
          .param(user.person() == null ? null : user.person().value())
          .param(passwordHash)
          .param(timestamp(user.createdAt()))
          .update();
    } catch (DuplicateKeyException e) {
      throw new IllegalStateException("there is already a user " + user.username(), e);
    }
  }

  @Override
  public Optional<StoredUser> find(String username) {
    return client
        .sql("select " + COLUMNS + " from local_users where username = ?")
        .param(username)
        .query(
            (row, number) -> {
              Timestamp locked = row.getTimestamp("locked_until");
              return new StoredUser(
                  map(row),
                  row.getString("password_hash"),
                  row.getInt("failures"),
                  locked == null ? null : locked.toInstant());
            })
        .optional();
  }

  @Override
  public List<LocalUser> list() {
    return client
        .sql("select " + COLUMNS + " from local_users order by username")
        .query((row, number) -> map(row))
        .list();
  }

  @Override
  public boolean disable(String username, Instant at) {
    return client
            .sql(
                "update local_users set disabled_at = ? where username = ? and disabled_at is"
                    + " null")
            .param(timestamp(at))
            .param(username)
            .update()
        == 1;
  }

  @Override
  public void recordFailures(String username, int failures, @Nullable Instant lockedUntil) {
    client
        .sql("update local_users set failures = ?, locked_until = ? where username = ?")
        .param(failures)
        .param(lockedUntil == null ? null : timestamp(lockedUntil))
        .param(username)
        .update();
  }

  @Override
  public boolean anyEnabledAdmin() {
    return client
        .sql(
            "select exists (select 1 from local_users where disabled_at is null"
                + " and 'admin' = any(roles))")
        .query(Boolean.class)
        .single();
  }

  private static LocalUser map(ResultSet row) throws SQLException {
    Set<AccessRole> roles = EnumSet.noneOf(AccessRole.class);
    Array array = row.getArray("roles");
    if (array != null) {
      for (Object label : (Object[]) array.getArray()) {
        roles.add(AccessRole.parse(label.toString()));
      }
    }
    String person = row.getString("identity_id");
    Timestamp disabled = row.getTimestamp("disabled_at");
    return new LocalUser(
        row.getString("username"),
        row.getString("display_name"),
        roles,
        person == null ? null : new IdentityId(person),
        row.getTimestamp("created_at").toInstant(),
        disabled == null ? null : disabled.toInstant());
  }

  private static OffsetDateTime timestamp(Instant at) {
    return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
  }
}
