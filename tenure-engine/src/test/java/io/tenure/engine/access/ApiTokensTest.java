package io.tenure.engine.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenure.engine.testing.CountingTransactions;
import io.tenure.engine.testing.InMemoryAuditLog;
import io.tenure.engine.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * API tokens: verification against the stored hash, and the short-lived trust in a verified token
 * (one store read for many requests; a revocation here ends it at once, one elsewhere within the
 * lifetime).
 */
class ApiTokensTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-06T10:00:00Z"));
  private final Tokens repository = new Tokens();
  private final CountingTransactions transactions = new CountingTransactions();
  private final ApiTokens tokens =
      new ApiTokens(repository, new InMemoryAuditLog(), transactions, clock);

  @Test
  void aTokenVerifiedOnceIsTrustedForTheLifetimeWithoutReadingTheStoreAgain() {
    ApiTokens.CreatedToken created = tokens.create(TokenScope.SCIM, "okta", "test");

    assertThat(tokens.authenticate(created.secret())).contains(created.token());
    assertThat(tokens.authenticate(created.secret())).contains(created.token());
    clock.advance(ApiTokens.VERIFIED_LIFETIME.minusMillis(1));
    assertThat(tokens.authenticate(created.secret())).contains(created.token());

    assertThat(repository.finds).isEqualTo(1);
  }

  @Test
  void afterTheLifetimeTheStoreIsReadAgain() {
    ApiTokens.CreatedToken created = tokens.create(TokenScope.SCIM, "okta", "test");
    tokens.authenticate(created.secret());

    clock.advance(ApiTokens.VERIFIED_LIFETIME);
    assertThat(tokens.authenticate(created.secret())).contains(created.token());

    assertThat(repository.finds).isEqualTo(2);
  }

  @Test
  void aRevocationInThisProcessEndsTheTrustAtOnce() {
    ApiTokens.CreatedToken created = tokens.create(TokenScope.SCIM, "okta", "test");
    assertThat(tokens.authenticate(created.secret())).isPresent();

    assertThat(tokens.revoke(created.token().id(), "test")).isTrue();

    assertThat(tokens.authenticate(created.secret())).isEmpty();
  }

  @Test
  void aRevocationByAnotherProcessTakesEffectWithinTheLifetime() {
    ApiTokens.CreatedToken created = tokens.create(TokenScope.SCIM, "okta", "test");
    assertThat(tokens.authenticate(created.secret())).isPresent();

    // another process (the tenure token revoke command) writes the store directly
    repository.revoke(created.token().id(), clock.instant());
    assertThat(tokens.authenticate(created.secret())).as("still trusted here").isPresent();
    clock.advance(ApiTokens.VERIFIED_LIFETIME);

    assertThat(tokens.authenticate(created.secret())).isEmpty();
  }

  @Test
  void aVerificationThatReadTheStoreWhileTheTokenWasRevokedIsNotKept() {
    ApiTokens.CreatedToken created = tokens.create(TokenScope.SCIM, "okta", "test");
    // the revocation commits while the verification is reading the token as it was before
    repository.duringNextFind = () -> tokens.revoke(created.token().id(), "test");

    tokens.authenticate(created.secret());

    assertThat(tokens.authenticate(created.secret())).isEmpty();
  }

  @Test
  void anotherSecretForAVerifiedTokenIsRefused() {
    ApiTokens.CreatedToken created = tokens.create(TokenScope.SCIM, "okta", "test");
    assertThat(tokens.authenticate(created.secret())).isPresent();
    String secret = created.secret();
    String altered = secret.substring(0, secret.length() - 1) + (secret.endsWith("A") ? "B" : "A");

    assertThat(tokens.authenticate(altered)).isEmpty();
    assertThat(tokens.authenticate("tenure_" + created.token().id() + "_")).isEmpty();
    assertThat(tokens.authenticate("nothing")).isEmpty();
  }

  @Test
  void aRefusedTokenIsReadFromTheStoreEachTime() {
    ApiTokens.CreatedToken created = tokens.create(TokenScope.SCIM, "okta", "test");
    String wrong = "tenure_" + created.token().id() + "_wrong";

    assertThat(tokens.authenticate(wrong)).isEmpty();
    assertThat(tokens.authenticate(wrong)).isEmpty();

    assertThat(repository.finds).isEqualTo(2);
  }

  @Test
  void aLifetimeOfZeroReadsTheStoreForEveryRequest() {
    ApiTokens uncached =
        new ApiTokens(repository, new InMemoryAuditLog(), transactions, clock, Duration.ZERO);
    ApiTokens.CreatedToken created = uncached.create(TokenScope.SCIM, "okta", "test");

    uncached.authenticate(created.secret());
    uncached.authenticate(created.secret());

    assertThat(repository.finds).isEqualTo(2);
  }

  @Test
  void aClockThatGoesBackEndsTheTrust() {
    ApiTokens.CreatedToken created = tokens.create(TokenScope.SCIM, "okta", "test");
    tokens.authenticate(created.secret());

    clock.advance(Duration.of(-1, ChronoUnit.SECONDS));
    tokens.authenticate(created.secret());

    assertThat(repository.finds).isEqualTo(2);
  }

  /** Tokens in memory, counting the reads of one token. */
  private static final class Tokens implements TokenRepository {

    private final Map<String, StoredToken> stored = new ConcurrentHashMap<>();
    int finds;
    @Nullable Runnable duringNextFind;

    @Override
    public void insert(ApiToken token, String secretHash) {
      stored.put(token.id(), new StoredToken(token, secretHash));
    }

    @Override
    public List<ApiToken> list() {
      return new ArrayList<>(stored.values().stream().map(StoredToken::token).toList());
    }

    @Override
    public boolean revoke(String id, Instant at) {
      StoredToken token = stored.get(id);
      if (token == null || token.token().revoked()) {
        return false;
      }
      ApiToken before = token.token();
      stored.put(
          id,
          new StoredToken(
              new ApiToken(
                  before.id(),
                  before.name(),
                  before.scope(),
                  before.createdAt(),
                  at,
                  before.user()),
              token.secretHash()));
      return true;
    }

    @Override
    public Optional<StoredToken> find(String id) {
      finds++;
      Optional<StoredToken> found = Optional.ofNullable(stored.get(id));
      Runnable during = duringNextFind;
      duringNextFind = null;
      if (during != null) {
        during.run();
      }
      return found;
    }
  }
}
