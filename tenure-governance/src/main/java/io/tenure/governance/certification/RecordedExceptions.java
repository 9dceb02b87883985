package io.tenure.governance.certification;

import io.tenure.core.identity.IdentityId;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Port: the recorded exceptions to policy. Every method may be called in a transaction. */
public interface RecordedExceptions {

  /** Keeps an exception. */
  void record(RecordedException exception);

  /** Every exception, oldest first. */
  List<RecordedException> all();

  /**
   * Per person, the roles whose birthright grant is revoked on that day (the desired state leaves
   * them out).
   */
  Map<IdentityId, Set<String>> revokedRoles(Collection<IdentityId> identities, LocalDate day);
}
