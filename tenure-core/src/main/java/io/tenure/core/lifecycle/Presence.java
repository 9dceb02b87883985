package io.tenure.core.lifecycle;

import io.tenure.core.desired.AccountPresence;
import io.tenure.core.plan.Reason;
import java.util.Objects;

/**
 * What a person's lifecycle says about their accounts, and why.
 *
 * @param presence the presence every account of the person should have, before target policy
 * @param reason the lifecycle explanation, for example {@code ["leave: memberships kept",
 *     "lifecycle SUSPENDED"]}; used as the root of the desired accounts' reasons
 */
public record Presence(AccountPresence presence, Reason reason) {

  public Presence {
    Objects.requireNonNull(presence, "presence");
    Objects.requireNonNull(reason, "reason");
  }
}
