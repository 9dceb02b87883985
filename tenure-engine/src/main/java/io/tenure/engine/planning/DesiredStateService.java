package io.tenure.engine.planning;

import io.tenure.core.account.KnownAccount;
import io.tenure.core.account.TargetId;
import io.tenure.core.desired.AccountPresence;
import io.tenure.core.desired.DesiredAccount;
import io.tenure.core.desired.DesiredState;
import io.tenure.core.identity.Identity;
import io.tenure.core.identity.IdentityId;
import io.tenure.core.lifecycle.Lifecycle;
import io.tenure.core.lifecycle.Presence;
import io.tenure.core.plan.Reason;
import io.tenure.core.policy.Access;
import io.tenure.core.policy.PolicyEvaluator;
import io.tenure.core.policy.RoleName;
import io.tenure.core.policy.TargetPolicy;
import io.tenure.engine.account.AccountRepository;
import io.tenure.engine.identity.IdentityRepository;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Computes what policy says the accounts of a set of identities should be, today.
 *
 * <p>For each identity and each configured target: the presence comes from the identity's lifecycle
 * ({@link Lifecycle#presenceOn}); the attributes from the target policy; the entitlements from the
 * policy evaluator, only when the presence is {@code ENABLED} or {@code DISABLED}.
 *
 * <p>Usernames are stable: an identity that already holds a username on a target keeps it. One that
 * holds none and needs an account (presence {@code ENABLED} or {@code DISABLED}) gets a new one
 * from the target's username generator, free among the names other identities hold, the names of
 * known accounts owned by somebody else (or nobody), and the names given earlier in the same call;
 * the assignment is saved on the identity at once. An identity with no username whose presence
 * needs no account gets no desired account on that target.
 *
 * <p>Roles assigned by hand ({@link RoleAssignments}, read once per call for the identities of the
 * call) are granted on top of the rules; an assigned name that is not a configured role grants
 * nothing.
 *
 * <p>Call it inside a store transaction, since it may save identities.
 */
public final class DesiredStateService {

  private final ConfiguredPolicy policy;
  private final PolicyEvaluator evaluator;
  private final IdentityRepository identities;
  private final AccountRepository accounts;
  private final Clock clock;
  private final RoleAssignments assignments;

  /** A service granting access from the birthright rules alone. */
  public DesiredStateService(
      ConfiguredPolicy policy,
      IdentityRepository identities,
      AccountRepository accounts,
      Clock clock) {
    this(policy, identities, accounts, clock, RoleAssignments.NONE);
  }

  /** A service granting access from the birthright rules and the roles assigned by hand. */
  public DesiredStateService(
      ConfiguredPolicy policy,
      IdentityRepository identities,
      AccountRepository accounts,
      Clock clock,
      RoleAssignments assignments) {
    this.assignments = assignments;
    this.policy = policy;
    this.evaluator = new PolicyEvaluator(policy.policy());
    this.identities = identities;
    this.accounts = accounts;
    this.clock = clock;
  }

  public ConfiguredPolicy policy() {
    return policy;
  }

  /** The roles assigned by hand that this service grants. */
  public RoleAssignments assignments() {
    return assignments;
  }

  /**
   * The desired state of these identities (the scope is exactly them).
   *
   * @throws io.tenure.core.policy.PolicyException if an expression fails for an identity, naming
   *     the rule or target attribute
   */
  public DesiredState desiredFor(Collection<Identity> people) {
    LocalDate today = LocalDate.now(clock);
    Set<IdentityId> scope = new TreeSet<>();
    List<DesiredAccount> desired = new ArrayList<>();
    Set<String> givenNow = new HashSet<>();
    Map<IdentityId, Map<String, Reason>> assigned =
        assignments.assignedTo(people.stream().map(Identity::id).toList());
    for (Identity original : people) {
      Identity identity = original;
      scope.add(identity.id());
      Presence presence = Lifecycle.presenceOn(identity, today, policy.lifecycle());
      boolean needsAccount =
          presence.presence() == AccountPresence.ENABLED
              || presence.presence() == AccountPresence.DISABLED;
      Access access =
          needsAccount
              ? evaluator.evaluate(
                  identity.attributes(), roles(assigned.getOrDefault(identity.id(), Map.of())))
              : Access.none();
      for (TargetPolicy target : policy.policy().targets().values()) {
        Optional<String> held =
            Optional.ofNullable(identity.usernames().get(target.target().value()));
        if (held.isEmpty() && !needsAccount) {
          continue;
        }
        String username;
        if (held.isPresent()) {
          username = held.get();
        } else {
          username = newUsername(identity, target, givenNow);
          identity = identity.withUsername(target.target().value(), username);
          identities.save(identity);
        }
        desired.add(
            new DesiredAccount(
                target.target(),
                identity.id(),
                username,
                presence.presence(),
                target.attributes(identity.attributes()),
                needsAccount ? access.entitlementsOn(target.target()) : Map.<String, Reason>of(),
                presence.reason()));
      }
    }
    return new DesiredState(scope, desired);
  }

  /** The assigned names that are configured roles. */
  private Map<RoleName, Reason> roles(Map<String, Reason> names) {
    Map<RoleName, Reason> roles = new TreeMap<>();
    names.forEach(
        (name, reason) -> {
          if (!name.isBlank() && policy.policy().roles().find(RoleName.of(name)).isPresent()) {
            roles.put(RoleName.of(name), reason);
          }
        });
    return roles;
  }

  private String newUsername(Identity identity, TargetPolicy target, Set<String> givenNow) {
    TargetId targetId = target.target();
    String username =
        target
            .usernameGenerator()
            .generate(
                identity.attributes(),
                candidate ->
                    givenNow.contains(key(targetId, candidate))
                        || identities.isUsernameTaken(targetId, candidate)
                        || heldByAnother(targetId, candidate, identity.id()));
    givenNow.add(key(targetId, username));
    return username;
  }

  private boolean heldByAnother(TargetId target, String username, IdentityId identity) {
    Optional<KnownAccount> known = accounts.find(target, username);
    return known.isPresent() && !identity.equals(known.get().owner());
  }

  private static String key(TargetId target, String username) {
    return target.value() + "\u0000" + username;
  }
}
