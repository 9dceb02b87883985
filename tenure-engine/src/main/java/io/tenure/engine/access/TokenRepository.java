package io.tenure.engine.access;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Port: the stored API tokens, each with the hash of its secret (never the secret). */
public interface TokenRepository {

  /** Stores a new token with the hash of its secret. */
  void insert(ApiToken token, String secretHash);

  /** Every token, newest first, revoked ones included. */
  List<ApiToken> list();

  /**
   * Marks the token revoked at {@code at}.
   *
   * @return false if there is no such token or it was already revoked
   */
  boolean revoke(String id, Instant at);

  /** The token with that id and the hash of its secret, if any. */
  Optional<StoredToken> find(String id);

  /** A token with the hash of its secret. */
  record StoredToken(ApiToken token, String secretHash) {}
}
