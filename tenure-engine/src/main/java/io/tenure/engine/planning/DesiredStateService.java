package io.tenure.engine.planning;

import io.tenure.connector.spi.ConnectorException;
import io.tenure.connector.spi.RemoteAccount;
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
import io.tenure.core.policy.PolicyException;
import io.tenure.core.policy.RoleName;
import io.tenure.core.policy.TargetPolicy;
import io.tenure.core.policy.UsernameGenerator;
import io.tenure.engine.account.AccountRepository;
import io.tenure.engine.identity.IdentityRepository;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
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
 * known accounts owned by somebody else (or nobody), the names given earlier in the same call, and
 * the names accounts already use on the live target ({@link TargetNames}: asked once per call and
 * target for the names the generator proposes first, then for each numbered alternative it tries);
 * the assignment is saved on the identity at once. People who need a new name get it in the {@link
 * UsernameOrder} (where the sources reported them), so that two people whose names collide are
 * numbered the same way by a dry run and the real one. A target that cannot be asked is logged and
 * checked against the store alone (its execution still never adopts an account that is not the
 * person's). An identity with no username whose presence needs no account gets no desired account
 * on that target.
 *
 * <p>Roles assigned by hand ({@link RoleAssignments}, read once per call for the identities of the
 * call) are granted on top of the rules; an assigned name that is not a configured role grants
 * nothing.
 *
 * <p>Call it inside a store transaction, since it may save identities.
 */
public final class DesiredStateService {

  /** How many numbered alternatives of a used first name are asked about at once. */
  static final int NUMBERED_ASKED_AHEAD = 4;

  private static final System.Logger LOGGER = System.getLogger(DesiredStateService.class.getName());

  private final ConfiguredPolicy policy;
  private final PolicyEvaluator evaluator;
  private final IdentityRepository identities;
  private final AccountRepository accounts;
  private final Clock clock;
  private final RoleAssignments assignments;
  private final TargetNames targetNames;
  private final Optional<AttributeOrigins> origins;
  private final WithheldRoles withheld;
  private final UsernameOrder usernameOrder;

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
    this(policy, identities, accounts, clock, assignments, TargetNames.none());
  }

  /**
   * A service granting access from the birthright rules and the roles assigned by hand, that checks
   * new usernames against the names used on the live targets.
   */
  public DesiredStateService(
      ConfiguredPolicy policy,
      IdentityRepository identities,
      AccountRepository accounts,
      Clock clock,
      RoleAssignments assignments,
      TargetNames targetNames) {
    this(policy, identities, accounts, clock, assignments, targetNames, AttributeOrigins.none());
  }

  /**
   * A service granting access from the birthright rules and the roles assigned by hand, that checks
   * new usernames against the names used on the live targets and names in its reasons where the
   * people's facts came from ({@link AttributeOrigins}).
   */
  public DesiredStateService(
      ConfiguredPolicy policy,
      IdentityRepository identities,
      AccountRepository accounts,
      Clock clock,
      RoleAssignments assignments,
      TargetNames targetNames,
      Optional<AttributeOrigins> origins) {
    this(
        policy,
        identities,
        accounts,
        clock,
        assignments,
        targetNames,
        origins,
        UsernameOrder.byIdentityId());
  }

  /**
   * Like {@link #DesiredStateService(ConfiguredPolicy, IdentityRepository, AccountRepository,
   * Clock, RoleAssignments, TargetNames, Optional)}, giving new usernames in {@code usernameOrder}
   * (where the sources reported the people) so that collisions are numbered the same way by every
   * run.
   */
  public DesiredStateService(
      ConfiguredPolicy policy,
      IdentityRepository identities,
      AccountRepository accounts,
      Clock clock,
      RoleAssignments assignments,
      TargetNames targetNames,
      Optional<AttributeOrigins> origins,
      UsernameOrder usernameOrder) {
    this(
        policy,
        identities,
        accounts,
        clock,
        assignments,
        targetNames,
        origins,
        usernameOrder,
        WithheldRoles.NONE);
  }

  private DesiredStateService(
      ConfiguredPolicy policy,
      IdentityRepository identities,
      AccountRepository accounts,
      Clock clock,
      RoleAssignments assignments,
      TargetNames targetNames,
      Optional<AttributeOrigins> origins,
      UsernameOrder usernameOrder,
      WithheldRoles withheld) {
    this.withheld = withheld;
    this.usernameOrder = usernameOrder;
    this.origins = origins;
    this.assignments = assignments;
    this.targetNames = targetNames;
    this.policy = policy;
    this.evaluator = new PolicyEvaluator(policy.policy());
    this.identities = identities;
    this.accounts = accounts;
    this.clock = clock;
  }

  /**
   * This service, with birthright rules no longer granting the roles {@code withheld} names for
   * each person (exceptions recorded by certification campaigns).
   */
  public DesiredStateService withholding(WithheldRoles newWithheld) {
    return new DesiredStateService(
        policy,
        identities,
        accounts,
        clock,
        assignments,
        targetNames,
        origins,
        usernameOrder,
        newWithheld);
  }

  public ConfiguredPolicy policy() {
    return policy;
  }

  /** The order in which people get new usernames. */
  public UsernameOrder usernameOrder() {
    return usernameOrder;
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
    Map<IdentityId, Identity> named = assign(people, today);
    Set<IdentityId> scope = new TreeSet<>();
    List<DesiredAccount> desired = new ArrayList<>();
    // the assignments and withheld roles only matter for the entitlements of desired accounts: a
    // batch in which nobody will have one (no target, only leavers) does not read them
    boolean anyAccount =
        people.stream()
            .map(identity -> named.getOrDefault(identity.id(), identity))
            .anyMatch(identity -> hasDesiredAccount(identity, today));
    List<IdentityId> ids = people.stream().map(Identity::id).toList();
    Map<IdentityId, Map<String, Reason>> assigned =
        anyAccount ? assignments.assignedTo(ids) : Map.of();
    Map<IdentityId, Set<String>> withheldRoles =
        anyAccount ? withheld.withheldFrom(ids, today) : Map.of();
    List<Identity> current = new ArrayList<>(people.size());
    for (Identity original : people) {
      Identity identity = named.getOrDefault(original.id(), original);
      current.add(identity);
      scope.add(identity.id());
      Presence presence = Lifecycle.presenceOn(identity, today, policy.lifecycle());
      boolean needsAccount = needsAccount(presence);
      Access access =
          needsAccount
              ? evaluator.evaluate(
                  identity.attributes(),
                  roles(assigned.getOrDefault(identity.id(), Map.of())),
                  withheldRoles.getOrDefault(identity.id(), Set.of()).stream()
                      .map(RoleName::of)
                      .collect(java.util.stream.Collectors.toSet()))
              : Access.none();
      for (TargetPolicy target : policy.policy().targets().values()) {
        String username = identity.usernames().get(target.target().value());
        if (username == null) {
          continue;
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
    DesiredState state = new DesiredState(scope, desired);
    return origins.isPresent() ? origins.get().explain(state, current) : state;
  }

  /**
   * Whether the identity needs an account today on a target where it holds no username yet (and so
   * will be given one by {@link #assignUsernames} or {@link #desiredFor}).
   */
  public boolean needsNewUsername(Identity identity) {
    if (!needsAccount(Lifecycle.presenceOn(identity, LocalDate.now(clock), policy.lifecycle()))) {
      return false;
    }
    for (TargetPolicy target : policy.policy().targets().values()) {
      if (!identity.usernames().containsKey(target.target().value())) {
        return true;
      }
    }
    return false;
  }

  /**
   * Gives each of these identities that needs an account and holds no username on a target a new
   * username there, in the {@link UsernameOrder} (not in the order given), and saves them. A
   * planner that works in batches calls this first for everybody who needs a name, so that
   * collisions are numbered in one order over all batches.
   *
   * @return the identities that got a username, as saved
   */
  public Map<IdentityId, Identity> assignUsernames(Collection<Identity> people) {
    return assign(people, LocalDate.now(clock));
  }

  private Map<IdentityId, Identity> assign(Collection<Identity> people, LocalDate today) {
    List<Identity> needing = new ArrayList<>();
    for (Identity identity : people) {
      if (needsNewUsername(identity)) {
        needing.add(identity);
      }
    }
    if (needing.isEmpty()) {
      return Map.of();
    }
    Set<String> givenNow = new HashSet<>();
    LiveNames live = new LiveNames();
    StoredNames stored = new StoredNames(live.askFirst(needing, today));
    askNumbered(needing, stored, live);
    Map<IdentityId, Identity> named = new HashMap<>();
    for (Identity original : usernameOrder.sort(needing)) {
      Identity identity = original;
      for (TargetPolicy target : policy.policy().targets().values()) {
        if (!identity.usernames().containsKey(target.target().value())) {
          String username = newUsername(identity, target, givenNow, live, stored);
          identity = identity.withUsername(target.target().value(), username);
        }
      }
      named.put(identity.id(), identity);
    }
    // only names were added: the identities' other columns (and their indexes) stay as they are
    identities.saveUsernames(named.values());
    return named;
  }

  /**
   * For the people whose first proposed name the store or the live target already knows as used, or
   * whom another person of the call proposes too, asks once per target for the next {@link
   * #NUMBERED_ASKED_AHEAD} names their generator would try (the numbered alternatives, as {@link
   * UsernameGenerator#generate} proposes them), instead of one name at a time as the generator
   * comes to each. What is asked ahead changes no answer: a name asked is answered from the same
   * store and target, only sooner; names beyond those are still asked one by one.
   */
  private void askNumbered(List<Identity> needing, StoredNames stored, LiveNames live) {
    // the first names of the call, by target: a name proposed twice is used by the first to get it
    Map<TargetId, Map<String, Integer>> proposed = new HashMap<>();
    // by the very objects of needing (an identity's hash code would hash its whole record)
    Map<Identity, Map<TargetPolicy, String>> firstChoices = new IdentityHashMap<>();
    for (Identity identity : needing) {
      for (TargetPolicy target : policy.policy().targets().values()) {
        if (identity.usernames().containsKey(target.target().value())) {
          continue;
        }
        String preferred;
        try {
          preferred = target.usernameGenerator().preferred(identity.attributes());
        } catch (PolicyException e) {
          continue; // reported when its username is generated
        }
        proposed
            .computeIfAbsent(target.target(), id -> new HashMap<>())
            .merge(preferred, 1, Integer::sum);
        firstChoices.computeIfAbsent(identity, key -> new HashMap<>()).put(target, preferred);
      }
    }
    Map<TargetId, Set<String>> ahead = new HashMap<>();
    for (Identity identity : needing) {
      for (Map.Entry<TargetPolicy, String> choice :
          firstChoices.getOrDefault(identity, Map.of()).entrySet()) {
        TargetPolicy target = choice.getKey();
        TargetId id = target.target();
        UsernameGenerator generator = target.usernameGenerator();
        String preferred = choice.getValue();
        if (proposed.get(id).get(preferred) < 2
            && !stored.knownUsed(id, preferred)
            && !live.knownUsed(id, preferred)) {
          continue;
        }
        // the names the generator tries after the first: every one answered "taken" until enough
        List<String> tried = new ArrayList<>();
        try {
          generator.generate(
              identity.attributes(),
              candidate -> {
                tried.add(candidate);
                return tried.size() <= NUMBERED_ASKED_AHEAD;
              });
        } catch (PolicyException e) {
          // fewer alternatives fit the maximum length: those tried are asked
        }
        Set<String> names = ahead.computeIfAbsent(id, key -> new HashSet<>());
        tried.stream().filter(name -> !name.equals(preferred)).forEach(names::add);
      }
    }
    ahead.forEach(
        (target, names) -> {
          stored.ask(target, names);
          live.askAhead(target, names);
        });
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

  private String newUsername(
      Identity identity,
      TargetPolicy target,
      Set<String> givenNow,
      LiveNames live,
      StoredNames stored) {
    TargetId targetId = target.target();
    String username =
        target
            .usernameGenerator()
            .generate(
                identity.attributes(),
                candidate ->
                    givenNow.contains(key(targetId, candidate))
                        || stored.heldByAnIdentity(targetId, candidate)
                        || heldByAnother(stored.known(targetId, candidate), identity.id())
                        || live.takenFrom(identity, target, candidate));
    givenNow.add(key(targetId, username));
    return username;
  }

  private static boolean heldByAnother(Optional<KnownAccount> known, IdentityId identity) {
    return known.isPresent() && !identity.equals(known.get().owner());
  }

  /**
   * What the store says about names: asked once per call and target for the names the generators
   * propose first (which identities hold them, which known accounts use them), and by name for
   * every numbered alternative tried after. The names given in the call are not saved until its
   * end; the caller's set of names given now covers them.
   */
  private final class StoredNames {
    private final Map<TargetId, Set<String>> asked;
    private final Map<TargetId, Set<String>> held = new HashMap<>();
    private final Map<TargetId, Map<String, KnownAccount>> known = new HashMap<>();

    StoredNames(Map<TargetId, Set<String>> proposed) {
      this.asked = new HashMap<>();
      proposed.forEach(this::ask);
    }

    /** Asks the store, in one read each of identities and accounts, about these names. */
    void ask(TargetId target, Set<String> names) {
      Set<String> fresh = new HashSet<>(names);
      fresh.removeAll(asked.getOrDefault(target, Set.of()));
      if (fresh.isEmpty()) {
        return;
      }
      asked.computeIfAbsent(target, id -> new HashSet<>()).addAll(fresh);
      held.computeIfAbsent(target, id -> new HashSet<>())
          .addAll(identities.usernamesTaken(target, fresh));
      Map<String, KnownAccount> byName = known.computeIfAbsent(target, id -> new HashMap<>());
      accounts.findAll(target, fresh).forEach(account -> byName.put(account.username(), account));
    }

    /** Whether the name was asked and an identity or a known account holds it. */
    boolean knownUsed(TargetId target, String name) {
      return held.getOrDefault(target, Set.of()).contains(name)
          || known.getOrDefault(target, Map.of()).containsKey(name);
    }

    boolean heldByAnIdentity(TargetId target, String name) {
      return asked.getOrDefault(target, Set.of()).contains(name)
          ? held.getOrDefault(target, Set.of()).contains(name)
          : identities.isUsernameTaken(target, name);
    }

    Optional<KnownAccount> known(TargetId target, String name) {
      return asked.getOrDefault(target, Set.of()).contains(name)
          ? Optional.ofNullable(known.getOrDefault(target, Map.of()).get(name))
          : accounts.find(target, name);
    }
  }

  private static String key(TargetId target, String username) {
    return target.value() + "\u0000" + username;
  }

  /** Whether {@link #desiredFor} gives the identity an account with entitlements on a target. */
  private boolean hasDesiredAccount(Identity identity, LocalDate today) {
    if (!needsAccount(Lifecycle.presenceOn(identity, today, policy.lifecycle()))) {
      return false;
    }
    for (TargetPolicy target : policy.policy().targets().values()) {
      if (identity.usernames().containsKey(target.target().value())) {
        return true;
      }
    }
    return false;
  }

  private static boolean needsAccount(Presence presence) {
    return presence.presence() == AccountPresence.ENABLED
        || presence.presence() == AccountPresence.DISABLED;
  }

  /** The names used on the live targets, as far as one call of {@link #desiredFor} asked. */
  private final class LiveNames {
    private final Map<TargetId, Set<String>> asked = new HashMap<>();
    private final Map<TargetId, Set<String>> used = new HashMap<>();
    private final Set<TargetId> unreachable = new HashSet<>();

    /**
     * Asks each target once for the names its generator proposes first for every identity of the
     * call that has no username there yet and needs an account.
     */
    Map<TargetId, Set<String>> askFirst(Collection<Identity> people, LocalDate today) {
      Map<TargetId, Set<String>> proposed = new HashMap<>();
      for (Identity identity : people) {
        if (!needsAccount(Lifecycle.presenceOn(identity, today, policy.lifecycle()))) {
          continue;
        }
        for (TargetPolicy target : policy.policy().targets().values()) {
          if (identity.usernames().containsKey(target.target().value())) {
            continue;
          }
          try {
            proposed
                .computeIfAbsent(target.target(), id -> new HashSet<>())
                .add(target.usernameGenerator().preferred(identity.attributes()));
          } catch (PolicyException e) {
            // reported with the identity when its username is generated
          }
        }
      }
      proposed.forEach(this::ask);
      return proposed;
    }

    /**
     * Whether an account on the live target uses the name and is not shown to be this identity's
     * own (by the evidence execution would adopt it on: an identifying attribute holding the
     * person's value, or exactly what the create would write).
     */
    boolean takenFrom(Identity identity, TargetPolicy target, String name) {
      TargetId id = target.target();
      if (!asked.getOrDefault(id, Set.of()).contains(name)) {
        ask(id, Set.of(name));
      }
      if (!used.getOrDefault(id, Set.of()).contains(name)) {
        return false;
      }
      Optional<RemoteAccount> existing;
      try {
        existing = targetNames.account(id, name);
      } catch (ConnectorException e) {
        return true;
      }
      return existing.isEmpty()
          || policy
              .ownership()
              .evidence(id, target.attributes(identity.attributes()), existing.get())
              .isEmpty();
    }

    /** Whether the name was asked and the live target uses it. */
    boolean knownUsed(TargetId target, String name) {
      return used.getOrDefault(target, Set.of()).contains(name);
    }

    /** Asks the target once about the names not asked yet. */
    void askAhead(TargetId target, Set<String> names) {
      Set<String> fresh = new HashSet<>(names);
      fresh.removeAll(asked.getOrDefault(target, Set.of()));
      if (!fresh.isEmpty()) {
        ask(target, fresh);
      }
    }

    private void ask(TargetId target, Set<String> names) {
      asked.computeIfAbsent(target, id -> new HashSet<>()).addAll(names);
      if (unreachable.contains(target)) {
        return;
      }
      try {
        used.computeIfAbsent(target, id -> new HashSet<>())
            .addAll(targetNames.inUse(target, List.copyOf(names)));
      } catch (ConnectorException e) {
        unreachable.add(target);
        LOGGER.log(
            System.Logger.Level.WARNING,
            "target ''{0}'' could not be asked which names are in use ({1}); new usernames"
                + " there are checked against Tenure''s store only",
            target,
            e.getMessage());
      }
    }
  }
}
