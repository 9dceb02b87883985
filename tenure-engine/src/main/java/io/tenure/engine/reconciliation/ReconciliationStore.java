package io.tenure.engine.reconciliation;

import io.tenure.core.account.KnownAccount;
import io.tenure.core.account.TargetId;
import io.tenure.core.identity.Identity;
import io.tenure.core.identity.IdentityId;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Port: the batch reads reconciliation needs from the identity store, so that a chunk of a thousand
 * accounts costs a few queries, and paged reads with keyset pagination, so that memory never
 * depends on the size of the store. Every method may be called inside a transaction.
 */
public interface ReconciliationStore {

  /** The known accounts of the target with these usernames, by username; absent names omitted. */
  Map<String, KnownAccount> knownAccounts(TargetId target, Collection<String> usernames);

  /** The identities that hold these usernames on the target, by username; absent names omitted. */
  Map<String, IdentityId> identitiesByUsername(TargetId target, Collection<String> usernames);

  /**
   * The identities whose attribute equals one of the values exactly, by value (each list in id
   * order); values nobody has are omitted.
   */
  Map<String, List<IdentityId>> identitiesByAttribute(String attribute, Collection<String> values);

  /** The identities with these ids, in any order; ids that name nobody are omitted. */
  List<Identity> identities(Collection<IdentityId> ids);

  /**
   * Up to {@code limit} identities with ids after {@code after} (from the first when null), in id
   * order.
   */
  List<Identity> identitiesAfter(@Nullable IdentityId after, int limit);

  /**
   * Up to {@code limit} known accounts of the target with usernames after {@code after} (from the
   * first when null), in username order.
   */
  List<KnownAccount> knownAccountsAfter(TargetId target, @Nullable String after, int limit);
}
