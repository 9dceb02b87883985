package io.tenure.engine.people;

import io.tenure.core.account.KnownAccount;
import io.tenure.core.identity.Identity;
import io.tenure.engine.audit.AuditRecord;
import io.tenure.engine.execution.StoredOperation;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Everything about one person: who they are, what policy gives them and why, what they have on each
 * target, what is still to happen, and what happened.
 *
 * @param identity the person as stored (attributes, lifecycle state, employment, usernames)
 * @param displayName their human name
 * @param managerName their manager's human name, if the manager is known
 * @param access what policy says they should have today, with reasons
 * @param accounts the accounts Tenure knows they hold, by target then name
 * @param pendingOperations their operations not over yet (pending, failed, held or parked)
 * @param history the newest audit events about them, newest first
 */
public record PersonDetail(
    Identity identity,
    String displayName,
    @Nullable String managerName,
    ExplainedAccess access,
    List<KnownAccount> accounts,
    List<StoredOperation> pendingOperations,
    List<AuditRecord> history) {

  public PersonDetail {
    accounts = List.copyOf(accounts);
    pendingOperations = List.copyOf(pendingOperations);
    history = List.copyOf(history);
  }
}
