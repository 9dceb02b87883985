package io.tenure.engine.testing;

import io.tenure.core.account.KnownAccount;
import io.tenure.core.account.TargetId;
import io.tenure.core.identity.IdentityId;
import io.tenure.engine.account.AccountRepository;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Known accounts in a map keyed by target and username, for fast tests. */
public final class InMemoryAccountRepository implements AccountRepository {

  private final Map<String, KnownAccount> accounts = new TreeMap<>();

  private static String key(TargetId target, String username) {
    return target.value() + "\u0000" + username;
  }

  @Override
  public synchronized Optional<KnownAccount> find(TargetId target, String username) {
    return Optional.ofNullable(accounts.get(key(target, username)));
  }

  @Override
  public synchronized List<KnownAccount> findByOwners(Collection<IdentityId> owners) {
    Set<IdentityId> wanted = Set.copyOf(owners);
    return accounts.values().stream()
        .filter(account -> account.owner() != null && wanted.contains(account.owner()))
        .toList();
  }

  @Override
  public synchronized Stream<KnownAccount> stream(TargetId target) {
    return accounts.values().stream()
        .filter(account -> account.target().equals(target))
        .toList()
        .stream();
  }

  @Override
  public synchronized void save(KnownAccount account) {
    accounts.put(key(account.target(), account.username()), account);
  }

  @Override
  public synchronized void delete(TargetId target, String username) {
    accounts.remove(key(target, username));
  }

  @Override
  public synchronized long count(TargetId target) {
    return accounts.values().stream().filter(account -> account.target().equals(target)).count();
  }

  public synchronized List<KnownAccount> all() {
    return List.copyOf(accounts.values());
  }
}
