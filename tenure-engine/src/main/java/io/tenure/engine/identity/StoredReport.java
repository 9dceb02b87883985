package io.tenure.engine.identity;

import io.tenure.core.identity.Employment;
import io.tenure.core.identity.IdentityId;
import io.tenure.core.identity.LifecycleState;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What an import needs to know of a stored identity to tell, without reading it whole, that a
 * source's record changes nothing about it ({@link IdentityRepository#findReports}): its
 * correlation keys' values, its state and employment, and the digest of the record the source last
 * reported it in.
 *
 * @param id the identity
 * @param state its stored lifecycle state
 * @param employment its stored employment
 * @param keys its values of the correlation keys asked for (absent ones left out)
 * @param digest the digest of the source's last record, stored when the identity was last saved by
 *     that source's import, and only when the identity has values from that source alone (with
 *     several sources, the merge depends on the others and the authority: no digest is given); null
 *     when there is none or the identity was saved since by anything else
 * @param location where the source's record of the identity was last remembered to be ({@code
 *     people.csv:17}, as {@link io.tenure.core.source.RecordLocation#toString()} writes it); null
 *     when not known
 */
public record StoredReport(
    IdentityId id,
    LifecycleState state,
    Employment employment,
    Map<String, String> keys,
    @Nullable String digest,
    @Nullable String location) {

  /** A report without the record's location. */
  public StoredReport(
      IdentityId id,
      LifecycleState state,
      Employment employment,
      Map<String, String> keys,
      @Nullable String digest) {
    this(id, state, employment, keys, digest, null);
  }

  public StoredReport {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(employment, "employment");
    keys = Map.copyOf(keys);
  }

  /** The stored digest, if there is one. */
  public Optional<String> storedDigest() {
    return Optional.ofNullable(digest);
  }
}
