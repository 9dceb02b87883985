package io.tenure.governance.request;

import io.tenure.core.identity.Identity;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Resolves an approval step to the people who may decide it. Self-approval is impossible by
 * construction: the requester and the beneficiary are never approvers; where a step would name one
 * of them, it goes to that person's manager instead.
 */
final class Approvers {

  private final People people;

  Approvers(People people) {
    this.people = people;
  }

  /**
   * The approvers of a step.
   *
   * @param step {@code manager}, {@code manager-of-manager}, {@code owner} or an employee id
   * @param owners the owners for the {@code owner} step
   * @throws RequestRefusedException if nobody may decide the step
   */
  List<String> of(String step, Identity beneficiary, List<String> owners, AccessRequest request) {
    List<String> named = new ArrayList<>();
    switch (step) {
      case "manager" -> People.managerId(beneficiary).ifPresent(named::add);
      case "manager-of-manager" ->
          People.managerId(beneficiary).flatMap(people::managerOf).ifPresent(named::add);
      case "owner" -> named.addAll(owners);
      default -> named.add(step);
    }
    List<String> approvers = allowed(named, request);
    if (approvers.isEmpty()) {
      throw new RequestRefusedException(
          "nobody can approve step '"
              + step
              + "' of a request for "
              + request.role()
              + " for "
              + request.beneficiaryEmployeeId()
              + " (no such person, or only the requester or the beneficiary)");
    }
    return approvers;
  }

  /** The managers of the approvers, for an escalation; empty if none of them has one. */
  List<String> managersOf(List<String> approvers, AccessRequest request) {
    List<String> managers = new ArrayList<>();
    for (String approver : approvers) {
      people.managerOf(approver).ifPresent(managers::add);
    }
    return allowed(managers, request);
  }

  /**
   * The named people who exist, with the requester and the beneficiary replaced by their managers.
   */
  private List<String> allowed(List<String> named, AccessRequest request) {
    Set<String> result = new LinkedHashSet<>();
    for (String candidate : named) {
      String current = candidate;
      Set<String> seen = new LinkedHashSet<>();
      while (current != null && seen.add(current) && excluded(current, request)) {
        current = people.managerOf(current).orElse(null);
      }
      if (current != null && !excluded(current, request)) {
        Optional<Identity> person = people.byEmployeeId(current);
        if (person.isPresent()) {
          result.add(current);
        }
      }
    }
    return List.copyOf(result);
  }

  private static boolean excluded(String employeeId, AccessRequest request) {
    return employeeId.equals(request.beneficiaryEmployeeId())
        || employeeId.equals(request.requesterEmployeeId());
  }
}
