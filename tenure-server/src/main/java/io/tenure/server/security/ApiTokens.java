package io.tenure.server.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * API tokens in the {@code api_tokens} table. A token string is {@code tenure_<id>_<secret>} where
 * the secret is 256 random bits (base64url); only the SHA-256 of the secret is stored, and a
 * presented secret is compared with the stored hash in constant time.
 */
public final class ApiTokens {

  private static final String PREFIX = "tenure_";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final JdbcClient client;
  private final Clock clock;

  public ApiTokens(DataSource dataSource, Clock clock) {
    this.client = JdbcClient.create(dataSource);
    this.clock = clock;
  }

  /** A token just created: the stored record and the full token string, shown once. */
  public record CreatedToken(ApiToken token, String secret) {}

  /** Creates a token; the returned secret is the only copy of it. */
  public CreatedToken create(TokenScope scope, @Nullable String name) {
    byte[] idBytes = new byte[6];
    RANDOM.nextBytes(idBytes);
    String id = HexFormat.of().formatHex(idBytes);
    byte[] secretBytes = new byte[32];
    RANDOM.nextBytes(secretBytes);
    String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(secretBytes);
    Instant now = clock.instant();
    String tokenName = name == null || name.isBlank() ? scope.label() + "-" + id : name.strip();
    client
        .sql(
            "insert into api_tokens (id, name, scope, secret_hash, created_at)"
                + " values (?, ?, ?, ?, ?)")
        .param(id)
        .param(tokenName)
        .param(scope.label())
        .param(hash(secret))
        .param(OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
        .update();
    return new CreatedToken(
        new ApiToken(id, tokenName, scope, now, null), PREFIX + id + "_" + secret);
  }

  /** Every token, newest first, revoked ones included. */
  public List<ApiToken> list() {
    return client
        .sql(
            "select id, name, scope, created_at, revoked_at from api_tokens"
                + " order by created_at desc, id")
        .query(ApiTokens::map)
        .list();
  }

  /**
   * Revokes the token (it stops working at once).
   *
   * @return false if there is no such token or it was already revoked
   */
  public boolean revoke(String id) {
    return client
            .sql("update api_tokens set revoked_at = ? where id = ? and revoked_at is null")
            .param(OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
            .param(id)
            .update()
        == 1;
  }

  /** The valid token that the presented string is, if any. */
  public Optional<ApiToken> authenticate(String presented) {
    if (!presented.startsWith(PREFIX)) {
      return Optional.empty();
    }
    String rest = presented.substring(PREFIX.length());
    int separator = rest.indexOf('_');
    if (separator <= 0 || separator == rest.length() - 1) {
      return Optional.empty();
    }
    String id = rest.substring(0, separator);
    String secret = rest.substring(separator + 1);
    List<StoredSecret> found =
        client
            .sql(
                "select id, name, scope, created_at, revoked_at, secret_hash from api_tokens"
                    + " where id = ?")
            .param(id)
            .query((row, number) -> new StoredSecret(map(row, number), row.getString(6)))
            .list();
    if (found.isEmpty()) {
      // spend the same work as a real comparison
      MessageDigest.isEqual(bytes(hash(secret)), bytes(hash("")));
      return Optional.empty();
    }
    StoredSecret stored = found.get(0);
    boolean matches = MessageDigest.isEqual(bytes(hash(secret)), bytes(stored.hash()));
    return matches && !stored.token().revoked() ? Optional.of(stored.token()) : Optional.empty();
  }

  private record StoredSecret(ApiToken token, String hash) {}

  private static ApiToken map(ResultSet row, int number) throws SQLException {
    Timestamp revoked = row.getTimestamp("revoked_at");
    return new ApiToken(
        row.getString("id"),
        row.getString("name"),
        TokenScope.parse(row.getString("scope")),
        row.getTimestamp("created_at").toInstant(),
        revoked == null ? null : revoked.toInstant());
  }

  static String hash(String secret) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
