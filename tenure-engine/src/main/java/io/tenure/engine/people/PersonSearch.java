package io.tenure.engine.people;

import io.tenure.core.identity.LifecycleState;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Port: finds people by name, employee id, e-mail or username, a page at a time. */
public interface PersonSearch {

  /**
   * The people whose given name, family name, full name, employee id, e-mail or username on any
   * target contains {@code text} (case-insensitive; every person when blank), ordered by family
   * name, given name, then id.
   *
   * @param cursor the {@link PersonPage#next()} of the previous page, or null for the first
   * @param limit at most this many (1 to 1000)
   * @throws IllegalArgumentException if the cursor is not one this search gave
   */
  PersonPage search(String text, @Nullable String cursor, int limit);

  /** How many people are in each lifecycle state (states with nobody omitted). */
  Map<LifecycleState, Long> countByState();
}
