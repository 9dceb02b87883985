package io.tenure.engine.identity;

import io.tenure.core.account.TargetId;
import io.tenure.core.correlation.IdentityLookup;
import io.tenure.core.identity.Identity;
import io.tenure.core.identity.IdentityId;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Port: the identity store. Implementations are transactional through {@link
 * io.tenure.engine.store.Transactions}; every method may be called inside a transaction.
 */
public interface IdentityRepository {

  Optional<Identity> find(IdentityId id);

  /**
   * The stored identities among these ids, in id order (ids that name none are left out), in as few
   * reads as it can. The default finds them one by one.
   */
  default List<Identity> findAll(Collection<IdentityId> ids) {
    return new TreeSet<>(ids).stream().map(this::find).flatMap(Optional::stream).toList();
  }

  /**
   * The ids of identities whose attribute equals the value exactly, in id order, for every
   * attribute. A store indexes only the attributes people are looked up by (the PostgreSQL store:
   * the correlation keys {@code employeeId} and {@code email}, {@code managerId} and {@code
   * externalId}); any other attribute is answered right but may read every identity.
   */
  List<IdentityId> findByAttribute(String attribute, String value);

  /**
   * {@link #findByAttribute} for several attributes at once, so that a record is correlated on all
   * its keys with one read instead of one per key. The default asks {@link #findByAttribute} for
   * each.
   *
   * @param valueByAttribute for each identity attribute, the exact value looked for
   * @return for each attribute given, the ids of the identities holding its value, in id order
   *     (empty when none)
   */
  default Map<String, List<IdentityId>> findByAttributes(Map<String, String> valueByAttribute) {
    Map<String, List<IdentityId>> found = new TreeMap<>();
    valueByAttribute.forEach(
        (attribute, value) -> found.put(attribute, findByAttribute(attribute, value)));
    return found;
  }

  /**
   * The identities that hold any of the values given for an attribute, read at once, so that a
   * chunk of records is correlated with one read instead of one per record and key. The default
   * asks {@link #findByAttribute} and {@link #find} for each value.
   *
   * @param valuesByAttribute for each identity attribute, the exact values looked for
   * @return the identities found, by id in id order
   */
  default Map<IdentityId, Identity> findHoldingAny(
      Map<String, ? extends Collection<String>> valuesByAttribute) {
    Map<IdentityId, Identity> found = new TreeMap<>();
    valuesByAttribute.forEach(
        (attribute, values) ->
            values.forEach(
                value ->
                    findByAttribute(attribute, value)
                        .forEach(id -> find(id).ifPresent(identity -> found.put(id, identity)))));
    return found;
  }

  /**
   * Inserts the identity or replaces the stored one with the same id, usernames included; the
   * sources' digests stored with it are forgotten ({@link #findReports}).
   */
  void save(Identity identity);

  /**
   * {@link #save} of each identity, in order (the last of several with the same id wins), in as few
   * round trips to the store as it can. The default saves them one by one.
   */
  default void saveAll(Collection<Identity> identities) {
    Map<IdentityId, Identity> last = new LinkedHashMap<>();
    identities.forEach(identity -> last.put(identity.id(), identity));
    last.values().forEach(this::save);
  }

  /**
   * What the import of a source needs to know of the identities holding any of the values given
   * ({@link #findHoldingAny}'s identities), without reading them whole: their values of the keys,
   * state, employment and the digest of that source's last record ({@link StoredReport}). An
   * identity saved by {@link #save} or {@link #saveAll(Collection)} since has no digest. The
   * default keeps no digests: it reads the identities whole ({@link #findHoldingAny}) and gives
   * none, so that every record is merged in full.
   *
   * @param source the importing source
   * @param keys the attributes whose values to give ({@link StoredReport#keys()})
   * @param valuesByAttribute for each identity attribute, the exact values looked for
   */
  default Map<IdentityId, StoredReport> findReports(
      String source,
      Collection<String> keys,
      Map<String, ? extends Collection<String>> valuesByAttribute) {
    Map<IdentityId, StoredReport> reports = new TreeMap<>();
    findHoldingAny(valuesByAttribute)
        .forEach(
            (id, identity) -> {
              Map<String, String> values = new TreeMap<>();
              keys.forEach(key -> identity.attribute(key).ifPresent(v -> values.put(key, v)));
              reports.put(
                  id, new StoredReport(id, identity.state(), identity.employment(), values, null));
            });
    return reports;
  }

  /**
   * {@link #saveAll(Collection)}, and the source's digests stored with them: a saved identity keeps
   * only its digest given (if any), since a change may make the other sources' records merge
   * differently; an identity given a digest but not saved (its record changed nothing) keeps the
   * other sources' digests and takes this one. The default stores no digests.
   */
  default void saveAll(Collection<Identity> identities, SourceDigests digests) {
    saveAll(identities);
  }

  /**
   * Saves the usernames of these stored identities, replacing the ones stored for them, and leaves
   * everything else about them as stored: planning gives people new usernames and must not rewrite
   * (and re-index) the whole identity for it. The default saves them whole ({@link #saveAll}).
   *
   * @param identities identities already in the store, with all their usernames
   */
  default void saveUsernames(Collection<Identity> identities) {
    saveAll(identities);
  }

  /** Every identity in id order, streamed; the caller closes the stream. */
  Stream<Identity> stream();

  /** True if an identity already holds that account name on the target. */
  boolean isUsernameTaken(TargetId target, String username);

  /**
   * Which of these names an identity already holds on the target: {@link #isUsernameTaken} for many
   * names in one read. The default asks for each name.
   */
  default Set<String> usernamesTaken(TargetId target, Collection<String> usernames) {
    Set<String> taken = new TreeSet<>();
    usernames.forEach(
        username -> {
          if (isUsernameTaken(target, username)) {
            taken.add(username);
          }
        });
    return taken;
  }

  long count();

  /**
   * This repository as the correlator's view of the store: {@link #findByAttribute} and {@link
   * #find}, read at each call (so within the caller's transaction).
   */
  default IdentityLookup asLookup() {
    return new IdentityLookup() {
      @Override
      public List<IdentityId> findBy(String attribute, String value) {
        return findByAttribute(attribute, value);
      }

      @Override
      public Optional<String> attributeOf(IdentityId identity, String attribute) {
        return find(identity).flatMap(found -> found.attribute(attribute));
      }
    };
  }
}
