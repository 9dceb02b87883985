package io.tenure.engine.access;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The API tokens this process verified against the store in the last {@code lifetime}, so that a
 * client sending many requests with one token does not cost a store transaction per request.
 *
 * <p>An entry is keyed by the SHA-256 of the whole presented token (never the token itself), holds
 * only a token that was valid when verified, and is used until {@code lifetime} after it was
 * verified (a clock that goes back also ends it). A revocation through {@link #forget} (what {@link
 * ApiTokens#revoke} calls after its commit) takes effect at once in this process, also for a
 * verification that was reading the store while the revocation committed ({@link #generation()}); a
 * revocation by another process (another server node, the {@code tenure token revoke} command)
 * takes effect here within {@code lifetime}. At most {@code capacity} tokens are kept; when full,
 * the expired ones are dropped, and if none was, everything (the next requests verify again).
 */
final class VerifiedTokens {

  private record Entry(ApiToken token, Instant verifiedAt) {}

  private final Duration lifetime;
  private final int capacity;
  private final Map<String, Entry> entries = new ConcurrentHashMap<>();
  private final AtomicLong revocations = new AtomicLong();

  /**
   * @param lifetime how long a verification is trusted; zero keeps nothing
   * @param capacity the most tokens kept at once
   */
  VerifiedTokens(Duration lifetime, int capacity) {
    if (lifetime.isNegative()) {
      throw new IllegalArgumentException("the lifetime of a verified token cannot be negative");
    }
    if (capacity < 1) {
      throw new IllegalArgumentException("the capacity of the verified tokens must be positive");
    }
    this.lifetime = lifetime;
    this.capacity = capacity;
  }

  /** The token verified under this key less than the lifetime before {@code now}, if any. */
  Optional<ApiToken> find(String key, Instant now) {
    Entry entry = entries.get(key);
    if (entry == null) {
      return Optional.empty();
    }
    if (!fresh(entry, now)) {
      entries.remove(key, entry);
      return Optional.empty();
    }
    return Optional.of(entry.token());
  }

  /**
   * The count of revocations so far: read it before reading the store, and give it to {@link
   * #remember}, which then keeps nothing if a revocation came in between.
   */
  long generation() {
    return revocations.get();
  }

  /**
   * Keeps a token just verified (valid) under its key, unless a revocation was made since {@code
   * generation} was read.
   */
  void remember(String key, ApiToken token, Instant verifiedAt, long generation) {
    if (lifetime.isZero() || token.revoked()) {
      return;
    }
    if (entries.size() >= capacity) {
      entries.values().removeIf(entry -> !fresh(entry, verifiedAt));
      if (entries.size() >= capacity) {
        entries.clear();
      }
    }
    Entry entry = new Entry(token, verifiedAt);
    entries.put(key, entry);
    // a revocation counted after the store was read, before or while this entry was put: drop it
    // (forget, which runs after the count, removes it too if it came later)
    if (revocations.get() != generation) {
      entries.remove(key, entry);
    }
  }

  /** Forgets every verification of the token {@code id}: called once its revocation committed. */
  void forget(String id) {
    revocations.incrementAndGet();
    entries.values().removeIf(entry -> entry.token().id().equals(id));
  }

  private boolean fresh(Entry entry, Instant now) {
    return !now.isBefore(entry.verifiedAt()) && now.isBefore(entry.verifiedAt().plus(lifetime));
  }
}
