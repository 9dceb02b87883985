package io.tenure.engine.account;

import io.tenure.core.account.KnownAccount;
import io.tenure.core.account.TargetId;
import io.tenure.core.identity.IdentityId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Port: the accounts Tenure knows on each target (the actual state the planner diffs against). */
public interface AccountRepository {

  Optional<KnownAccount> find(TargetId target, String username);

  /**
   * The known accounts on a target with any of these names: {@link #find} for many names in one
   * read. The default finds them one by one.
   */
  default List<KnownAccount> findAll(TargetId target, Collection<String> usernames) {
    List<KnownAccount> found = new ArrayList<>();
    usernames.stream().distinct().forEach(name -> find(target, name).ifPresent(found::add));
    return found;
  }

  /** Every known account owned by one of the identities, on every target. */
  List<KnownAccount> findByOwners(Collection<IdentityId> owners);

  /** Every known account on a target in username order, streamed; the caller closes it. */
  Stream<KnownAccount> stream(TargetId target);

  /** Inserts or replaces the account with the same target and username. */
  void save(KnownAccount account);

  /** Forgets an account (after it was deleted on the target). Idempotent. */
  void delete(TargetId target, String username);

  /**
   * {@link #save} for many accounts in one step (the last of several with the same target and
   * username wins). The default saves them one by one.
   */
  default void saveAll(Collection<KnownAccount> accounts) {
    accounts.forEach(this::save);
  }

  /** {@link #delete} for many accounts of one target in one step. Idempotent. */
  default void deleteAll(TargetId target, Collection<String> usernames) {
    usernames.forEach(username -> delete(target, username));
  }

  long count(TargetId target);
}
