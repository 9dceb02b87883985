package io.tenure.engine.ingest;

import io.tenure.core.correlation.IdentityLookup;
import io.tenure.core.identity.Identity;
import io.tenure.core.identity.IdentityId;
import io.tenure.engine.identity.IdentityRepository;
import io.tenure.engine.identity.StoredReport;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The stored identities a chunk of records can correlate to, read in one go (every identity holding
 * one of the chunk's values of a correlation key, as {@link IdentityRepository#findReports} reports
 * them), then kept current as the chunk creates and changes identities, so that a later record of
 * the same chunk finds what an earlier one made or changed, exactly as it would by asking the
 * store.
 *
 * <p>Only the correlation keys given are indexed: {@link #lookup()} answers {@code findBy} for them
 * alone (the correlator asks for nothing else).
 */
final class ChunkIdentities {

  private final Set<String> keys;
  private final Map<IdentityId, Identity> current;
  private final Map<String, Map<String, Set<IdentityId>>> byKey = new HashMap<>();
  private final Map<IdentityId, Identity> changed = new LinkedHashMap<>();

  private ChunkIdentities(Set<String> keys, Map<IdentityId, Identity> found) {
    this.keys = keys;
    this.current = new HashMap<>();
    found.values().forEach(this::index);
  }

  /**
   * The chunk over identities already read: every stored identity holding one of the chunk's values
   * of the keys.
   */
  static ChunkIdentities of(Collection<String> keys, Map<IdentityId, Identity> found) {
    return new ChunkIdentities(Set.copyOf(keys), found);
  }

  /**
   * The chunk over the identities that {@code reports} show holding one of {@code values} (the
   * chunk's values of the keys, by key), read whole in one query.
   */
  static ChunkIdentities read(
      IdentityRepository identities,
      Collection<String> keys,
      Map<IdentityId, StoredReport> reports,
      Map<String, Set<String>> values) {
    Set<String> wanted = new HashSet<>();
    values.forEach(
        (key, each) -> each.forEach(value -> wanted.add(UnchangedRows.keyed(key, value))));
    List<IdentityId> read = new ArrayList<>();
    reports.forEach(
        (id, report) -> {
          for (Map.Entry<String, String> key : report.keys().entrySet()) {
            if (wanted.contains(UnchangedRows.keyed(key.getKey(), key.getValue()))) {
              read.add(id);
              return;
            }
          }
        });
    Map<IdentityId, Identity> found = new TreeMap<>();
    if (!read.isEmpty()) {
      identities.findAll(read).forEach(identity -> found.put(identity.id(), identity));
    }
    return of(keys, found);
  }

  /** The correlator's view: the identities read and those the chunk made or changed since. */
  IdentityLookup lookup() {
    return new IdentityLookup() {
      @Override
      public List<IdentityId> findBy(String attribute, String value) {
        if (!keys.contains(attribute)) {
          throw new IllegalArgumentException(attribute + " is not a correlation key of the chunk");
        }
        return new ArrayList<>(
            byKey.getOrDefault(attribute, Map.of()).getOrDefault(value, Set.of()));
      }

      @Override
      public Optional<String> attributeOf(IdentityId identity, String attribute) {
        return find(identity).flatMap(found -> found.attribute(attribute));
      }
    };
  }

  /** The identity as the chunk last saw it. */
  Optional<Identity> find(IdentityId id) {
    return Optional.ofNullable(current.get(id));
  }

  /** Records a created or changed identity, to be saved with {@link #changed()}. */
  void put(Identity identity) {
    Identity before = current.get(identity.id());
    if (before != null) {
      for (String key : keys) {
        before
            .attribute(key)
            .ifPresent(
                value -> {
                  Map<String, Set<IdentityId>> values = byKey.get(key);
                  Set<IdentityId> holders = values == null ? null : values.get(value);
                  if (holders != null) {
                    holders.remove(identity.id());
                  }
                });
      }
    }
    index(identity);
    changed.remove(identity.id());
    changed.put(identity.id(), identity);
  }

  /** The identities created or changed in the chunk, each once, as last put. */
  Collection<Identity> changed() {
    return changed.values();
  }

  private void index(Identity identity) {
    current.put(identity.id(), identity);
    for (String key : keys) {
      identity
          .attribute(key)
          .ifPresent(
              value ->
                  byKey
                      .computeIfAbsent(key, ignored -> new HashMap<>())
                      .computeIfAbsent(value, ignored -> new TreeSet<>())
                      .add(identity.id()));
    }
  }
}
