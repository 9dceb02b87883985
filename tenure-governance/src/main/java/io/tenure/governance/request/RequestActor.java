package io.tenure.governance.request;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Who acts on requests: a person (self-service, a manager, an approver; {@code --as E1100} or a
 * login bound to a person), or an operator who may request for anyone.
 *
 * @param employeeId the person's employee id, or null for an operator acting as nobody in
 *     particular
 * @param operator whether they may request for anyone and cancel any request
 * @param via the channel ({@code cli:root}, {@code user:jdoe}, {@code api:deploy}), audited
 */
public record RequestActor(@Nullable String employeeId, boolean operator, String via) {

  public RequestActor {
    Objects.requireNonNull(via, "via");
    if (employeeId != null && employeeId.isBlank()) {
      throw new IllegalArgumentException("an employee id must not be blank");
    }
  }

  /** A person acting through a channel. */
  public static RequestActor person(String employeeId, String via) {
    return new RequestActor(employeeId, false, via);
  }

  /** An operator (or administrator) acting through a channel. */
  public static RequestActor operator(String via) {
    return new RequestActor(null, true, via);
  }

  /** How audit and history name the actor: {@code person:E1100} or the channel. */
  public String label() {
    return employeeId == null ? via : "person:" + employeeId;
  }
}
