package io.tenure.governance.request;

import io.tenure.core.identity.IdentityId;
import java.util.Collection;

/**
 * Port: brings people's accounts in line with what they hold now, through the one path every change
 * takes (plan, mass-change brake, durable queue, connectors), and says what came of it.
 */
@FunctionalInterface
public interface AccessChanges {

  /** Changes nothing and reports success (tests of decisions alone). */
  AccessChanges NONE = (people, actor, trigger) -> new Outcome(true, "");

  /**
   * Plans for these people, stores the plan and executes it until its operations are settled.
   *
   * @param trigger why the plan was made ({@code "request R-12 approved"}), kept with the plan
   */
  Outcome apply(Collection<IdentityId> people, String actor, String trigger);

  /**
   * What came of it.
   *
   * @param complete whether every operation succeeded (or nothing was to do)
   * @param detail the plan id and counts, or the failures
   */
  record Outcome(boolean complete, String detail) {}
}
