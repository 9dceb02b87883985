package io.tenure.engine.testing;

import io.tenure.core.account.KnownAccount;
import io.tenure.core.account.TargetId;
import io.tenure.core.identity.Identity;
import io.tenure.core.identity.IdentityId;
import io.tenure.engine.reconciliation.ReconciliationStore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/** The reconciliation reads answered by scanning the in-memory repositories, for fast tests. */
public final class InMemoryReconciliationStore implements ReconciliationStore {

  private final InMemoryIdentityRepository identities;
  private final InMemoryAccountRepository accounts;

  public InMemoryReconciliationStore(
      InMemoryIdentityRepository identities, InMemoryAccountRepository accounts) {
    this.identities = identities;
    this.accounts = accounts;
  }

  @Override
  public Map<String, KnownAccount> knownAccounts(TargetId target, Collection<String> usernames) {
    Map<String, KnownAccount> found = new HashMap<>();
    for (String username : usernames) {
      accounts.find(target, username).ifPresent(account -> found.put(username, account));
    }
    return found;
  }

  @Override
  public Map<String, IdentityId> identitiesByUsername(
      TargetId target, Collection<String> usernames) {
    Set<String> wanted = new HashSet<>(usernames);
    Map<String, IdentityId> found = new HashMap<>();
    try (Stream<Identity> all = identities.stream()) {
      all.forEach(
          identity -> {
            String username = identity.usernames().get(target.value());
            if (username != null && wanted.contains(username)) {
              found.put(username, identity.id());
            }
          });
    }
    return found;
  }

  @Override
  public Map<String, List<IdentityId>> identitiesByAttribute(
      String attribute, Collection<String> values) {
    Set<String> wanted = new HashSet<>(values);
    Map<String, List<IdentityId>> found = new TreeMap<>();
    try (Stream<Identity> all = identities.stream()) {
      all.forEach(
          identity -> {
            String value = identity.attributes().get(attribute);
            if (value != null && wanted.contains(value)) {
              found.computeIfAbsent(value, key -> new ArrayList<>()).add(identity.id());
            }
          });
    }
    return found;
  }

  @Override
  public List<Identity> identities(Collection<IdentityId> ids) {
    List<Identity> found = new ArrayList<>();
    for (IdentityId id : new HashSet<>(ids)) {
      identities.find(id).ifPresent(found::add);
    }
    return found;
  }

  @Override
  public List<Identity> identitiesAfter(@Nullable IdentityId after, int limit) {
    try (Stream<Identity> all = identities.stream()) {
      return all.filter(identity -> after == null || identity.id().compareTo(after) > 0)
          .limit(limit)
          .toList();
    }
  }

  @Override
  public List<KnownAccount> knownAccountsAfter(TargetId target, @Nullable String after, int limit) {
    try (Stream<KnownAccount> all = accounts.stream(target)) {
      return all.filter(account -> after == null || account.username().compareTo(after) > 0)
          .limit(limit)
          .toList();
    }
  }
}
