package io.tenure.engine.planning;

import io.tenure.core.identity.IdentityId;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Map;
import java.util.Set;

/**
 * Port: per person, the roles birthright rules must not grant them on a day (recorded exceptions,
 * such as a birthright role revoked in a certification campaign).
 */
@FunctionalInterface
public interface WithheldRoles {

  /** Nothing withheld. */
  WithheldRoles NONE = (identities, day) -> Map.of();

  /** The withheld role names of each of these people on that day (absent: none). */
  Map<IdentityId, Set<String>> withheldFrom(Collection<IdentityId> identities, LocalDate day);
}
