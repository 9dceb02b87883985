package io.tenure.governance.request;

import io.tenure.core.identity.Identity;
import io.tenure.core.identity.IdentityId;
import io.tenure.engine.access.Principals;
import io.tenure.engine.identity.IdentityRepository;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Finds people by employee id and walks their reporting lines ({@code managerId}). */
public final class People {

  private final IdentityRepository identities;

  public People(IdentityRepository identities) {
    this.identities = identities;
  }

  /** The one person with this employee id; empty if none or several. */
  public Optional<Identity> byEmployeeId(String employeeId) {
    List<IdentityId> found = identities.findByAttribute(Principals.EMPLOYEE_ID, employeeId);
    return found.size() == 1 ? identities.find(found.get(0)) : Optional.empty();
  }

  /**
   * The person with this employee id.
   *
   * @throws IllegalArgumentException naming the id when there is no such person (or several)
   */
  public Identity require(String employeeId) {
    return byEmployeeId(employeeId)
        .orElseThrow(
            () -> new IllegalArgumentException("no person with employee id " + employeeId));
  }

  public Optional<Identity> find(IdentityId id) {
    return identities.find(id);
  }

  /** The person's employee id, or the identity id when it has none. */
  public static String employeeId(Identity person) {
    return person.attribute(Principals.EMPLOYEE_ID).orElse(person.id().value());
  }

  /** The employee id of the person's manager, if any. */
  public static Optional<String> managerId(Identity person) {
    return person.attribute(Principals.MANAGER_ID);
  }

  /** The employee id of the manager of the person with this employee id, if any. */
  public Optional<String> managerOf(String employeeId) {
    return byEmployeeId(employeeId).flatMap(People::managerId);
  }

  /** Whether {@code manager} is above {@code person} in the reporting line (not the person). */
  public boolean manages(String manager, Identity person) {
    Set<String> seen = new HashSet<>();
    Optional<String> next = managerId(person);
    while (next.isPresent() && seen.add(next.get())) {
      if (next.get().equals(manager)) {
        return true;
      }
      next = managerOf(next.get());
    }
    return false;
  }

  /** A person's name for people: given and family name, else the employee id. */
  public static String name(Identity person) {
    return Principals.displayName(person);
  }
}
