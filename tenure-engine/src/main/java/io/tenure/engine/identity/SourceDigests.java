package io.tenure.engine.identity;

import io.tenure.core.identity.IdentityId;
import java.util.Map;
import java.util.Objects;

/**
 * The digests of the records one source reported people in, to be stored with the identities
 * ({@link IdentityRepository#saveAll(java.util.Collection, SourceDigests)}).
 *
 * @param source the source's name
 * @param byIdentity per identity, the digest of the record the identity was last merged from
 */
public record SourceDigests(String source, Map<IdentityId, String> byIdentity) {

  public SourceDigests {
    Objects.requireNonNull(source, "source");
    byIdentity = Map.copyOf(byIdentity);
  }
}
