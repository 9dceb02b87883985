package io.tenure.engine.access;

import io.tenure.engine.audit.AuditEvent;
import io.tenure.engine.audit.AuditLog;
import io.tenure.engine.store.Transactions;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * API tokens. A token string is {@code tenure_<id>_<secret>} where the secret is 256 random bits
 * (base64url); only the SHA-256 of the secret is stored, and a presented secret is compared with
 * the stored hash in constant time (also when no token has that id). Creating and revoking a token
 * are audited ({@code token.created}, {@code token.revoked}) with the actor who did it; the secret
 * is never in the audit log.
 *
 * <p>A token verified against the store is trusted for {@link #VERIFIED_LIFETIME} in this process
 * (a client's many requests cost one store read, not one each): a revocation through {@link
 * #revoke} ends that at once here; one made by another process (another node, the {@code tenure
 * token revoke} command while a server runs) takes effect here within {@link #VERIFIED_LIFETIME}.
 */
public final class ApiTokens {

  private static final String PREFIX = "tenure_";
  private static final SecureRandom RANDOM = new SecureRandom();

  /** How long a token verified against the store is trusted without reading the store again. */
  public static final Duration VERIFIED_LIFETIME = Duration.ofSeconds(5);

  /** The most verified tokens kept at once. */
  private static final int VERIFIED_CAPACITY = 1024;

  private final TokenRepository tokens;
  private final AuditLog audit;
  private final Transactions transactions;
  private final Clock clock;
  private final VerifiedTokens verified;

  /** API tokens whose verifications are trusted for {@link #VERIFIED_LIFETIME}. */
  public ApiTokens(TokenRepository tokens, AuditLog audit, Transactions transactions, Clock clock) {
    this(tokens, audit, transactions, clock, VERIFIED_LIFETIME);
  }

  /**
   * API tokens whose verifications are trusted for {@code verifiedLifetime} in this process (zero:
   * every request reads the store).
   */
  public ApiTokens(
      TokenRepository tokens,
      AuditLog audit,
      Transactions transactions,
      Clock clock,
      Duration verifiedLifetime) {
    this.tokens = tokens;
    this.audit = audit;
    this.transactions = transactions;
    this.clock = clock;
    this.verified = new VerifiedTokens(verifiedLifetime, VERIFIED_CAPACITY);
  }

  /** A token just created: the stored record and the full token string, shown once. */
  public record CreatedToken(ApiToken token, String secret) {}

  /** Creates a token (audited with {@code actor}); the returned secret is the only copy of it. */
  public CreatedToken create(TokenScope scope, @Nullable String name, String actor) {
    return create(scope, name, null, actor);
  }

  /**
   * Creates a token that acts as the local user {@code user} (with that user's roles) when not
   * null; audited with {@code actor}. The returned secret is the only copy of it.
   */
  public CreatedToken create(
      TokenScope scope, @Nullable String name, @Nullable String user, String actor) {
    byte[] idBytes = new byte[6];
    RANDOM.nextBytes(idBytes);
    String id = HexFormat.of().formatHex(idBytes);
    byte[] secretBytes = new byte[32];
    RANDOM.nextBytes(secretBytes);
    String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(secretBytes);
    Instant now = clock.instant();
    String tokenName = name == null || name.isBlank() ? scope.label() + "-" + id : name.strip();
    ApiToken token = new ApiToken(id, tokenName, scope, now, null, user);
    transactions.run(
        () -> {
          tokens.insert(token, hash(secret));
          audit.append(
              new AuditEvent(
                  now,
                  actor,
                  "token.created",
                  "token " + id,
                  "API token " + tokenName + " created with scope " + scope.label(),
                  "success",
                  user == null
                      ? Map.of("token", id, "name", tokenName, "scope", scope.label())
                      : Map.of(
                          "token", id, "name", tokenName, "scope", scope.label(), "user", user)));
        });
    return new CreatedToken(token, PREFIX + id + "_" + secret);
  }

  /** Every token, newest first, revoked ones included. */
  public List<ApiToken> list() {
    return transactions.inTransaction(tokens::list);
  }

  /**
   * Revokes the token (it stops working at once in this process, and within {@link
   * #VERIFIED_LIFETIME} in the others); audited with {@code actor}.
   *
   * @return false if there is no such token or it was already revoked
   */
  public boolean revoke(String id, String actor) {
    Instant now = clock.instant();
    boolean revoked =
        transactions.inTransaction(
            () -> {
              boolean changed = tokens.revoke(id, now);
              if (changed) {
                audit.append(
                    new AuditEvent(
                        now,
                        actor,
                        "token.revoked",
                        "token " + id,
                        "API token " + id + " revoked",
                        "success",
                        Map.of("token", id)));
              }
              return changed;
            });
    // after the commit: a verification that read the store before it is not kept either
    verified.forget(id);
    return revoked;
  }

  /**
   * The valid token that the presented string is, if any: from the tokens verified in the last
   * {@link #VERIFIED_LIFETIME} (keyed by the SHA-256 of the presented string), else read from the
   * store and verified.
   */
  public Optional<ApiToken> authenticate(String presented) {
    if (!presented.startsWith(PREFIX)) {
      return Optional.empty();
    }
    String key = hash(presented);
    Optional<ApiToken> known = verified.find(key, clock.instant());
    if (known.isPresent()) {
      return known;
    }
    // the time and revocation count before the store is read: what the verification is as of
    Instant reading = clock.instant();
    long generation = verified.generation();
    Optional<ApiToken> found = verify(presented);
    found.ifPresent(token -> verified.remember(key, token, reading, generation));
    return found;
  }

  /** Verifies the presented string against the store. */
  private Optional<ApiToken> verify(String presented) {
    String rest = presented.substring(PREFIX.length());
    int separator = rest.indexOf('_');
    if (separator <= 0 || separator == rest.length() - 1) {
      return Optional.empty();
    }
    String id = rest.substring(0, separator);
    String secret = rest.substring(separator + 1);
    Optional<TokenRepository.StoredToken> found = transactions.inTransaction(() -> tokens.find(id));
    if (found.isEmpty()) {
      // spend the same work as a real comparison
      MessageDigest.isEqual(bytes(hash(secret)), bytes(hash("")));
      return Optional.empty();
    }
    TokenRepository.StoredToken stored = found.get();
    boolean matches = MessageDigest.isEqual(bytes(hash(secret)), bytes(stored.secretHash()));
    return matches && !stored.token().revoked() ? Optional.of(stored.token()) : Optional.empty();
  }

  /** The SHA-256 of a secret, hex-encoded: what is stored. */
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
