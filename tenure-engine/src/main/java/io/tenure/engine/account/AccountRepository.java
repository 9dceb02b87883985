package io.tenure.engine.account;

import io.tenure.core.account.KnownAccount;
import io.tenure.core.account.TargetId;
import io.tenure.core.identity.IdentityId;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Port: the accounts Tenure knows on each target (the actual state the planner diffs against). */
public interface AccountRepository {

  Optional<KnownAccount> find(TargetId target, String username);

  /** Every known account owned by one of the identities, on every target. */
  List<KnownAccount> findByOwners(Collection<IdentityId> owners);

  /** Every known account on a target in username order, streamed; the caller closes it. */
  Stream<KnownAccount> stream(TargetId target);

  /** Inserts or replaces the account with the same target and username. */
  void save(KnownAccount account);

  /** Forgets an account (after it was deleted on the target). Idempotent. */
  void delete(TargetId target, String username);

  long count(TargetId target);
}
