package io.tenure.engine.reconciliation;

import io.tenure.connector.spi.RemoteAccount;
import io.tenure.core.account.KnownAccount;
import io.tenure.core.account.TargetId;
import io.tenure.core.correlation.Correlation;
import io.tenure.core.correlation.CorrelationRule;
import io.tenure.core.correlation.Correlator;
import io.tenure.core.correlation.IdentityLookup;
import io.tenure.core.desired.AccountPresence;
import io.tenure.core.desired.DesiredAccount;
import io.tenure.core.desired.DesiredState;
import io.tenure.core.identity.Identity;
import io.tenure.core.identity.IdentityId;
import io.tenure.core.plan.AddEntitlement;
import io.tenure.core.plan.CreateAccount;
import io.tenure.core.plan.DeleteAccount;
import io.tenure.core.plan.DisableAccount;
import io.tenure.core.plan.EnableAccount;
import io.tenure.core.plan.Operation;
import io.tenure.core.plan.Planner;
import io.tenure.core.plan.PlanningContext;
import io.tenure.core.plan.Reason;
import io.tenure.core.plan.RemoveEntitlement;
import io.tenure.core.plan.UpdateAccount;
import io.tenure.engine.account.AccountRepository;
import io.tenure.engine.account.Ownership;
import io.tenure.engine.identity.IdentityRepository;
import io.tenure.engine.planning.DesiredStateService;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/** The state of one reconciliation run of one target, and the work on each chunk. */
final class ReconciliationRun {

  private final TargetId target;
  private final List<AccountCorrelationRule> rules;
  private final @Nullable Correlator correlator;
  private final ReconciliationPolicy policy;
  private final OrphanScope orphanScope;
  private final Ownership ownership;
  private final Instant now;
  private final PlanningContext context;
  private final ReconciliationStore store;
  private final FindingRepository findings;
  private final IdentityRepository identities;
  private final AccountRepository accounts;
  private final DesiredStateService desired;

  private final SeenNames seen = new SeenNames();
  private final List<Operation> operations = new ArrayList<>();
  private final Map<Situation, Long> counts = new EnumMap<>(Situation.class);
  private final Set<IdentityId> unlinkedMatches = new HashSet<>();
  private long accountsRead;
  private long linked;
  private long forgotten;
  private int largestChunk;

  ReconciliationRun(
      TargetId target,
      List<AccountCorrelationRule> rules,
      ReconciliationPolicy policy,
      OrphanScope orphanScope,
      Ownership ownership,
      Instant now,
      PlanningContext context,
      ReconciliationStore store,
      FindingRepository findings,
      IdentityRepository identities,
      AccountRepository accounts,
      DesiredStateService desired) {
    this.target = target;
    this.rules = List.copyOf(rules);
    List<String> keys = rules.stream().map(AccountCorrelationRule::identityAttribute).toList();
    this.correlator =
        keys.isEmpty()
            ? null
            : new Correlator(new CorrelationRule(keys.get(0), keys.subList(1, keys.size())));
    this.policy = policy;
    this.orphanScope = orphanScope;
    this.ownership = ownership;
    this.now = now;
    this.context = context;
    this.store = store;
    this.findings = findings;
    this.identities = identities;
    this.accounts = accounts;
    this.desired = desired;
  }

  TargetId target() {
    return target;
  }

  List<Operation> operations() {
    return new ArrayList<>(operations);
  }

  Map<Situation, Long> counts() {
    return counts;
  }

  long accountsRead() {
    return accountsRead;
  }

  long linked() {
    return linked;
  }

  long forgotten() {
    return forgotten;
  }

  int largestChunk() {
    return largestChunk;
  }

  long seenNamesBytes() {
    return seen.bytes();
  }

  // ---- pass 1: the target's accounts, one chunk at a time ----------------------------------

  /** An account with the identity that owns it (or that it was just linked to). */
  private record Owned(
      RemoteAccount remote, @Nullable KnownAccount known, Identity owner, boolean linkedNow) {}

  void checkAccounts(List<RemoteAccount> chunk) {
    accountsRead += chunk.size();
    largestChunk = Math.max(largestChunk, chunk.size());
    List<String> names = new ArrayList<>(chunk.size());
    for (RemoteAccount account : chunk) {
      seen.add(account.name());
      names.add(account.name());
    }
    Map<String, KnownAccount> known = store.knownAccounts(target, names);
    Map<IdentityId, Identity> people = new HashMap<>();
    Set<IdentityId> owners = new LinkedHashSet<>();
    known.values().forEach(account -> account.ownerId().ifPresent(owners::add));
    store.identities(owners).forEach(identity -> people.put(identity.id(), identity));

    List<RemoteAccount> toCorrelate = new ArrayList<>();
    for (RemoteAccount account : chunk) {
      if (linkedOwner(known.get(account.name()), people) == null) {
        toCorrelate.add(account);
      }
    }
    Map<String, Map<String, List<IdentityId>>> hits = correlationHits(toCorrelate);
    Set<IdentityId> candidates = new LinkedHashSet<>();
    hits.values().forEach(byValue -> byValue.values().forEach(candidates::addAll));
    candidates.removeAll(people.keySet());
    store.identities(candidates).forEach(identity -> people.put(identity.id(), identity));
    IdentityLookup lookup = new ChunkLookup(hits, people);

    List<Finding> found = new ArrayList<>();
    List<Owned> owned = new ArrayList<>();
    for (RemoteAccount account : chunk) {
      KnownAccount knownAccount = known.get(account.name());
      Identity owner = linkedOwner(knownAccount, people);
      if (owner != null) {
        owned.add(new Owned(account, knownAccount, owner, false));
        continue;
      }
      Correlation correlation =
          correlator == null
              ? new Correlation.NoMatch()
              : correlator.correlate(recordAttributes(account), lookup);
      if (correlation instanceof Correlation.Matched matched) {
        Identity match = people.get(matched.id());
        String held = match.usernames().get(target.value());
        if (held != null && !held.equals(account.name())) {
          found.add(
              orphan(
                  account,
                  knownAccount,
                  correlation.describe()
                      + ", but that identity's account on "
                      + target
                      + " is "
                      + held));
        } else if (policy.unlinked() == Remedy.LINK) {
          Identity linkedOwner = link(account, knownAccount, match);
          people.put(linkedOwner.id(), linkedOwner);
          owned.add(
              new Owned(
                  account, accounts.find(target, account.name()).orElse(null), linkedOwner, true));
        } else {
          unlinkedMatches.add(match.id());
          found.add(
              finding(
                  account.name(),
                  Situation.UNLINKED,
                  match,
                  account.enabled(),
                  List.of(),
                  correlation.describe() + "; not linked",
                  FindingAction.NONE));
        }
      } else if (correlation instanceof Correlation.NoMatch) {
        found.add(
            orphan(
                account,
                knownAccount,
                rules.isEmpty()
                    ? "no identity owns it, and target "
                        + target
                        + " has no correlation rule to find one"
                    : "no identity matches " + describeKeys(account)));
      } else {
        found.add(
            finding(
                account.name(),
                Situation.AMBIGUOUS,
                null,
                account.enabled(),
                List.of(),
                correlation.describe() + "; never linked automatically",
                FindingAction.NONE));
      }
    }
    if (!owned.isEmpty()) {
      Map<IdentityId, Identity> distinct = new LinkedHashMap<>();
      owned.forEach(item -> distinct.put(item.owner().id(), item.owner()));
      Map<IdentityId, DesiredAccount> wanted = new HashMap<>();
      for (DesiredAccount account : desired.desiredFor(List.copyOf(distinct.values())).accounts()) {
        if (account.target().equals(target)) {
          wanted.put(account.owner(), account);
        }
      }
      for (Owned item : owned) {
        Finding finding = compare(item, wanted.get(item.owner().id()));
        if (finding != null) {
          found.add(finding);
        }
      }
    }
    save(found);
  }

  private @Nullable Identity linkedOwner(
      @Nullable KnownAccount known, Map<IdentityId, Identity> people) {
    if (known == null || known.owner() == null) {
      return null;
    }
    return people.get(known.owner());
  }

  /**
   * Batch reads for the correlation rules, in rule order, each only for the accounts that every
   * earlier rule found nobody for: exactly the lookups the correlator will make.
   */
  private Map<String, Map<String, List<IdentityId>>> correlationHits(List<RemoteAccount> chunk) {
    Map<String, Map<String, List<IdentityId>>> hits = new HashMap<>();
    List<RemoteAccount> pending = chunk;
    for (AccountCorrelationRule rule : rules) {
      if (pending.isEmpty()) {
        break;
      }
      Set<String> values = new LinkedHashSet<>();
      for (RemoteAccount account : pending) {
        valueOf(account, rule).ifPresent(values::add);
      }
      Map<String, List<IdentityId>> found = new HashMap<>();
      if (!values.isEmpty()) {
        if (rule.matchesUsername()) {
          store
              .identitiesByUsername(target, values)
              .forEach((value, identity) -> found.put(value, List.of(identity)));
        } else {
          found.putAll(store.identitiesByAttribute(rule.identityAttribute(), values));
        }
      }
      hits.put(rule.identityAttribute(), found);
      List<RemoteAccount> stillPending = new ArrayList<>();
      for (RemoteAccount account : pending) {
        Optional<String> value = valueOf(account, rule);
        if (value.isEmpty() || found.getOrDefault(value.get(), List.of()).isEmpty()) {
          stillPending.add(account);
        }
      }
      pending = stillPending;
    }
    return hits;
  }

  private Map<String, String> recordAttributes(RemoteAccount account) {
    Map<String, String> values = new HashMap<>();
    for (AccountCorrelationRule rule : rules) {
      valueOf(account, rule).ifPresent(value -> values.put(rule.identityAttribute(), value));
    }
    return values;
  }

  private static Optional<String> valueOf(RemoteAccount account, AccountCorrelationRule rule) {
    Optional<String> value =
        rule.accountAttribute().equals(AccountCorrelationRule.ACCOUNT_NAME)
            ? Optional.of(account.name())
            : account.first(rule.accountAttribute());
    return value.filter(text -> !text.isBlank());
  }

  private String describeKeys(RemoteAccount account) {
    List<String> parts = new ArrayList<>();
    for (AccountCorrelationRule rule : rules) {
      parts.add(
          rule.identityAttribute()
              + " = "
              + valueOf(account, rule).map(value -> "'" + value + "'").orElse("(no value)"));
    }
    return String.join(", ", parts);
  }

  /** Links the account to the identity in the store; returns the identity as saved. */
  private Identity link(RemoteAccount account, @Nullable KnownAccount known, Identity identity) {
    Identity owner = identity;
    if (!account.name().equals(identity.usernames().get(target.value()))) {
      owner = identity.withUsername(target.value(), account.name());
      identities.save(owner);
    }
    accounts.save(refreshed(account, known, owner.id()));
    linked++;
    return owner;
  }

  /** The finding for an account with an owner, null when it is compliant. */
  private @Nullable Finding compare(Owned item, @Nullable DesiredAccount wanted) {
    RemoteAccount account = item.remote();
    KnownAccount actual = refreshed(account, item.known(), item.owner().id());
    List<Operation> fixes = planAccount(item.owner().id(), wanted, actual);
    if (fixes.isEmpty() && !item.linkedNow()) {
      count(Situation.COMPLIANT);
      return null;
    }
    Situation situation = item.linkedNow() ? Situation.UNLINKED : Situation.DRIFTED;
    FindingAction action = item.linkedNow() ? FindingAction.LINKED : FindingAction.NONE;
    if (!fixes.isEmpty() && policy.drifted() == Remedy.FIX) {
      accounts.save(actual);
      String step =
          "reconciliation found "
              + target
              + "/"
              + account.name()
              + (item.linkedNow() ? " unlinked and" : "")
              + " drifted from policy";
      fixes.forEach(
          operation -> operations.add(withReason(operation, operation.reason().because(step))));
      action = FindingAction.PLANNED;
    }
    String detail =
        (item.linkedNow()
                ? "linked to identity " + item.owner().id() + " by the correlation rules"
                : "owned by identity " + item.owner().id())
            + (fixes.isEmpty() ? "" : "; " + fixes.size() + " difference(s) from policy");
    return finding(
        account.name(),
        situation,
        item.owner(),
        account.enabled(),
        describe(fixes),
        detail,
        action);
  }

  /**
   * The operations that bring this one account to what policy wants, computed by the core planner.
   * When policy names another account for the owner, that account is given to the planner as
   * already desired so that only this account's withdrawal is planned.
   */
  private List<Operation> planAccount(
      IdentityId owner, @Nullable DesiredAccount wanted, KnownAccount actual) {
    List<DesiredAccount> desiredAccounts = wanted == null ? List.of() : List.of(wanted);
    List<KnownAccount> actualAccounts = new ArrayList<>();
    actualAccounts.add(actual);
    if (wanted != null && !wanted.username().equals(actual.username())) {
      actualAccounts.add(asDesired(wanted));
    }
    List<Operation> planned =
        Planner.plan(new DesiredState(Set.of(owner), desiredAccounts), actualAccounts, context)
            .operations();
    List<Operation> mine = new ArrayList<>();
    for (Operation operation : planned) {
      if (operation.username().equals(actual.username())) {
        mine.add(operation);
      }
    }
    return mine;
  }

  private KnownAccount asDesired(DesiredAccount wanted) {
    boolean keeps =
        wanted.presence() == AccountPresence.ENABLED
            || wanted.presence() == AccountPresence.DISABLED;
    boolean enabled = wanted.presence() == AccountPresence.ENABLED;
    return new KnownAccount(
        wanted.target(),
        wanted.username(),
        null,
        wanted.owner(),
        wanted.attributes(),
        enabled,
        keeps ? wanted.entitlements().keySet() : Set.of(),
        enabled ? null : now);
  }

  private Finding orphan(RemoteAccount account, @Nullable KnownAccount known, String why) {
    FindingAction action = FindingAction.NONE;
    List<Operation> fixes = new ArrayList<>();
    String detail = why;
    Reason reason =
        Reason.of(
            "reconciliation found orphan account " + target + "/" + account.name() + ": " + why);
    boolean remedied =
        policy.orphan() == Remedy.DISABLE || policy.orphan() == Remedy.DELETE_AFTER_RETENTION;
    if (remedied && !orphanScope.contains(account.name())) {
      remedied = false;
      detail += "; outside the orphan scope (" + orphanScope + "): reported only";
    }
    if (remedied) {
      KnownAccount actual = refreshed(account, known, null);
      if (account.enabled()) {
        accounts.save(actual);
        fixes.add(new DisableAccount(target, account.name(), null, reason));
      } else if (policy.orphan() == Remedy.DELETE_AFTER_RETENTION) {
        Instant disabledAt = actual.disabledAt();
        Duration retention = policy.orphanRetention();
        if (disabledAt != null
            && known != null
            && known.disabledAt() != null
            && Duration.between(disabledAt, now).compareTo(retention) >= 0) {
          accounts.save(actual);
          fixes.add(
              new DeleteAccount(
                  target,
                  account.name(),
                  null,
                  reason.because(
                      "disabled since "
                          + disabledAt
                          + ", orphan retention "
                          + io.tenure.core.plan.Durations.iso(retention)
                          + " over")));
        } else {
          if (known == null || known.disabledAt() == null || known.owner() != null) {
            accounts.save(actual);
          }
          detail +=
              "; disabled since "
                  + disabledAt
                  + ", deleted after "
                  + io.tenure.core.plan.Durations.iso(retention);
        }
      }
    }
    if (!fixes.isEmpty()) {
      operations.addAll(fixes);
      action = FindingAction.PLANNED;
    }
    return finding(
        account.name(), Situation.ORPHAN, null, account.enabled(), describe(fixes), detail, action);
  }

  /**
   * The account as the target really holds it, with the owner given; of its entitlements only those
   * Tenure manages ({@link Ownership#managedEntitlements}), so that a membership in a group nobody
   * configured is never drift.
   */
  private KnownAccount refreshed(
      RemoteAccount account, @Nullable KnownAccount known, @Nullable IdentityId owner) {
    Map<String, String> attributes = new TreeMap<>();
    account
        .attributes()
        .forEach(
            (name, values) -> {
              if (!values.isEmpty()) {
                attributes.put(name, values.get(0));
              }
            });
    Instant disabledAt = null;
    if (!account.enabled()) {
      disabledAt = known != null && known.disabledAt() != null ? known.disabledAt() : now;
    }
    return new KnownAccount(
        target,
        account.name(),
        account.nativeId(),
        owner,
        attributes,
        account.enabled(),
        ownership.managedEntitlements(
            target, account.entitlements(), known == null ? Set.of() : known.entitlements()),
        disabledAt);
  }

  // ---- pass 2: identities whose accounts were not read ---------------------------------------

  void checkMissing(List<Identity> batch) {
    List<Identity> unseen = new ArrayList<>();
    for (Identity identity : batch) {
      String username = identity.usernames().get(target.value());
      boolean accountRead = username != null && seen.contains(username);
      if (!accountRead && !unlinkedMatches.contains(identity.id())) {
        unseen.add(identity);
      }
    }
    if (unseen.isEmpty()) {
      return;
    }
    Map<IdentityId, Identity> people = new HashMap<>();
    unseen.forEach(identity -> people.put(identity.id(), identity));
    List<Finding> found = new ArrayList<>();
    for (DesiredAccount wanted : desired.desiredFor(unseen).accounts()) {
      if (!wanted.target().equals(target)
          || !(wanted.presence() == AccountPresence.ENABLED
              || wanted.presence() == AccountPresence.DISABLED)
          || seen.contains(wanted.username())) {
        continue;
      }
      List<Operation> creates =
          Planner.plan(
                  new DesiredState(Set.of(wanted.owner()), List.of(wanted)), List.of(), context)
              .operations();
      String detail =
          "policy wants it (" + wanted.reason().render() + "); the target does not have it";
      FindingAction action = FindingAction.NONE;
      if (policy.missing() == Remedy.FIX) {
        Optional<KnownAccount> stale = accounts.find(target, wanted.username());
        IdentityId holder = stale.flatMap(KnownAccount::ownerId).orElse(null);
        if (holder != null && !holder.equals(wanted.owner())) {
          detail += "; not created: Tenure knows the name as the account of identity " + holder;
        } else {
          if (stale.isPresent()) {
            accounts.delete(target, wanted.username());
            forgotten++;
          }
          String step = "reconciliation found " + target + "/" + wanted.username() + " missing";
          creates.forEach(
              operation -> operations.add(withReason(operation, operation.reason().because(step))));
          action = FindingAction.PLANNED;
        }
      }
      found.add(
          finding(
              wanted.username(),
              Situation.MISSING,
              people.get(wanted.owner()),
              false,
              describe(creates),
              detail,
              action));
    }
    save(found);
  }

  // ---- pass 3 (fix mode): forget known accounts the target no longer has ---------------------

  void forgetVanished(List<KnownAccount> page) {
    for (KnownAccount account : page) {
      if (!seen.contains(account.username())) {
        accounts.delete(target, account.username());
        forgotten++;
      }
    }
  }

  // ---- helpers -------------------------------------------------------------------------------

  private Finding finding(
      String username,
      Situation situation,
      @Nullable Identity owner,
      boolean enabled,
      List<String> differences,
      String detail,
      FindingAction action) {
    count(situation);
    return new Finding(
        target,
        username,
        situation,
        owner == null ? null : owner.id(),
        owner == null ? null : owner.state(),
        enabled,
        differences,
        detail,
        action,
        now);
  }

  private void count(Situation situation) {
    counts.merge(situation, 1L, Long::sum);
  }

  private void save(List<Finding> found) {
    if (!found.isEmpty()) {
      findings.saveAll(found);
    }
  }

  private static List<String> describe(List<Operation> operations) {
    return operations.stream().map(Operation::describe).toList();
  }

  static Operation withReason(Operation operation, Reason reason) {
    if (operation instanceof CreateAccount create) {
      return new CreateAccount(
          create.target(),
          create.username(),
          create.owner(),
          create.attributes(),
          create.enabled(),
          reason);
    }
    if (operation instanceof UpdateAccount update) {
      return new UpdateAccount(
          update.target(), update.username(), update.owner(), update.changes(), reason);
    }
    if (operation instanceof EnableAccount enable) {
      return new EnableAccount(enable.target(), enable.username(), enable.owner(), reason);
    }
    if (operation instanceof DisableAccount disable) {
      return new DisableAccount(disable.target(), disable.username(), disable.owner(), reason);
    }
    if (operation instanceof DeleteAccount delete) {
      return new DeleteAccount(delete.target(), delete.username(), delete.owner(), reason);
    }
    if (operation instanceof AddEntitlement add) {
      return new AddEntitlement(
          add.target(), add.username(), add.owner(), add.entitlement(), reason);
    }
    RemoveEntitlement remove = (RemoveEntitlement) operation;
    return new RemoveEntitlement(
        remove.target(), remove.username(), remove.owner(), remove.entitlement(), reason);
  }

  /** Correlation lookups answered from the chunk's batch reads. */
  private final class ChunkLookup implements IdentityLookup {
    private final Map<String, Map<String, List<IdentityId>>> hits;
    private final Map<IdentityId, Identity> people;

    ChunkLookup(Map<String, Map<String, List<IdentityId>>> hits, Map<IdentityId, Identity> people) {
      this.hits = hits;
      this.people = people;
    }

    @Override
    public List<IdentityId> findBy(String attribute, String value) {
      return hits.getOrDefault(attribute, Map.of()).getOrDefault(value, List.of());
    }

    @Override
    public Optional<String> attributeOf(IdentityId identity, String attribute) {
      Identity person = people.get(identity);
      if (person == null) {
        return Optional.empty();
      }
      if (attribute.equals(AccountCorrelationRule.IDENTITY_USERNAME)) {
        return Optional.ofNullable(person.usernames().get(target.value()));
      }
      return person.attribute(attribute);
    }
  }
}
