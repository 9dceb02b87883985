package io.tenure.store;

import io.tenure.engine.access.ApiToken;
import io.tenure.engine.access.TokenRepository;
import io.tenure.engine.access.TokenScope;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * API tokens in the {@code api_tokens} table: the hash of each secret (never the secret) and the
 * local user a token acts as, if any.
 */
public final class JdbcTokenRepository implements TokenRepository {

  private final JdbcClient client;

  public JdbcTokenRepository(DataSource dataSource) {
    this.client = JdbcClient.create(dataSource);
  }

  @Override
  public void insert(ApiToken token, String secretHash) {
    client
        .sql(
            "insert into api_tokens (id, name, scope, secret_hash, created_at, user_name)"
                + " values (?, ?, ?, ?, ?, ?)")
        .param(token.id())
        .param(token.name())
        .param(token.scope().label())
        .param(secretHash)
        .param(OffsetDateTime.ofInstant(token.createdAt(), ZoneOffset.UTC))
        .param(token.user())
        .update();
  }

  @Override
  public List<ApiToken> list() {
    return client
        .sql(
            "select id, name, scope, created_at, revoked_at, user_name from api_tokens"
                + " order by created_at desc, id")
        .query(JdbcTokenRepository::map)
        .list();
  }

  @Override
  public boolean revoke(String id, Instant at) {
    return client
            .sql("update api_tokens set revoked_at = ? where id = ? and revoked_at is null")
            .param(OffsetDateTime.ofInstant(at, ZoneOffset.UTC))
            .param(id)
            .update()
        == 1;
  }

  @Override
  public Optional<StoredToken> find(String id) {
    return client
        .sql(
            "select id, name, scope, created_at, revoked_at, user_name, secret_hash from api_tokens"
                + " where id = ?")
        .param(id)
        .query((row, number) -> new StoredToken(map(row, number), row.getString("secret_hash")))
        .optional();
  }

  private static ApiToken map(ResultSet row, int number) throws SQLException {
    Timestamp revoked = row.getTimestamp("revoked_at");
    return new ApiToken(
        row.getString("id"),
        row.getString("name"),
        TokenScope.parse(row.getString("scope")),
        row.getTimestamp("created_at").toInstant(),
        revoked == null ? null : revoked.toInstant(),
        row.getString("user_name"));
  }
}
