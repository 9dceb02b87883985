package io.tenure.scim.server;

import com.unboundid.scim2.common.exceptions.ResourceConflictException;
import io.tenure.core.correlation.Correlation;
import io.tenure.core.identity.Identity;
import io.tenure.core.identity.LifecycleState;
import io.tenure.engine.identity.IdentityRepository;
import java.util.Map;
import java.util.Optional;

/**
 * What the enterprise {@code employeeNumber} (identity attribute {@code employeeId}) means to SCIM
 * Users: one person's number, also after a DELETE (the identity and its history stay in Tenure). So
 * a POST whose employeeNumber belonged to a person who left brings that person back (a rehire,
 * never a duplicate), even with a new externalId and userName, as an identity provider's new object
 * for a returning employee has; and no write may give a person another person's number (409 {@code
 * uniqueness}; {@code /Schemas} declares it unique).
 */
final class EmployeeNumbers {

  /** The identity attribute of the enterprise {@code employeeNumber}. */
  static final String ATTRIBUTE = "employeeId";

  private final IdentityRepository identities;

  EmployeeNumbers(IdentityRepository identities) {
    this.identities = identities;
  }

  /** Whether the person has left (or is not stored): a POST that finds them is a rehire. */
  static boolean gone(Optional<Identity> identity) {
    return identity
        .map(
            found ->
                found.state() == LifecycleState.TERMINATED
                    || found.state() == LifecycleState.PURGED)
        .orElse(true);
  }

  /**
   * Whether a POST's correlation is a person returning: its employeeNumber found a person who left,
   * whose externalId differs from the POST's (the only conflict a returning person has).
   */
  boolean returning(Correlation correlation) {
    return correlation instanceof Correlation.Conflict conflict
        && conflict.matchedAttribute().equals(ATTRIBUTE)
        && conflict.keyAttribute().equals("externalId")
        && gone(identities.find(conflict.candidate()));
  }

  /**
   * Refuses a write that gives a person the employeeNumber another person holds (a visible User or
   * a deleted one). Call it after the push, in its transaction (which the refusal rolls back), so
   * that the engine's refusal of a change another source decides (403, audited) comes first.
   *
   * @param attributes the identity attributes the write pushes
   * @param self the person as before the write
   * @throws ResourceConflictException uniqueness, naming the number
   */
  void checkFree(Map<String, String> attributes, Identity self) throws ResourceConflictException {
    String employeeNumber = attributes.get(ATTRIBUTE);
    if (employeeNumber == null
        || employeeNumber.equals(self.attributes().get(ATTRIBUTE))
        || identities.findByAttribute(ATTRIBUTE, employeeNumber).stream()
            .allMatch(self.id()::equals)) {
      return;
    }
    throw ResourceConflictException.uniqueness(
        "employeeNumber '" + employeeNumber + "' is another person's");
  }
}
