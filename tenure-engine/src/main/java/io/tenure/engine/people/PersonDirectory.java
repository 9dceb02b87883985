package io.tenure.engine.people;

import io.tenure.core.account.KnownAccount;
import io.tenure.core.identity.Identity;
import io.tenure.core.identity.IdentityId;
import io.tenure.engine.access.Principals;
import io.tenure.engine.account.AccountRepository;
import io.tenure.engine.audit.AuditLog;
import io.tenure.engine.audit.AuditQuery;
import io.tenure.engine.execution.PlanRepository;
import io.tenure.engine.identity.IdentityRepository;
import io.tenure.engine.store.Transactions;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * People for the console and the API: search, one person's whole picture, and human names for ids
 * (so that no page shows a bare id where a name is known).
 */
public final class PersonDirectory {

  /** How many audit events a person's detail shows. */
  public static final int HISTORY = 50;

  private final IdentityRepository identities;
  private final PersonSearch search;
  private final AccountRepository accounts;
  private final PlanRepository plans;
  private final AuditLog audit;
  private final Transactions transactions;
  private final AccessExplanation explanation;

  public PersonDirectory(
      IdentityRepository identities,
      PersonSearch search,
      AccountRepository accounts,
      PlanRepository plans,
      AuditLog audit,
      Transactions transactions,
      AccessExplanation explanation) {
    this.identities = identities;
    this.search = search;
    this.accounts = accounts;
    this.plans = plans;
    this.audit = audit;
    this.transactions = transactions;
    this.explanation = explanation;
  }

  /** See {@link PersonSearch#search}. */
  public PersonPage search(String text, @Nullable String cursor, int limit) {
    return transactions.inTransaction(() -> search.search(text, cursor, limit));
  }

  /** How many people are in each lifecycle state. */
  public Map<io.tenure.core.identity.LifecycleState, Long> countByState() {
    return transactions.inTransaction(search::countByState);
  }

  /** The person with that id, if any. */
  public Optional<Identity> find(IdentityId id) {
    return transactions.inTransaction(() -> identities.find(id));
  }

  /** The whole picture of one person, if there is such a person. */
  public Optional<PersonDetail> detail(IdentityId id) {
    Optional<Identity> found = find(id);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    Identity identity = found.get();
    ExplainedAccess access = explanation.explain(identity);
    return transactions.inTransaction(
        () -> {
          List<KnownAccount> held =
              accounts.findByOwners(List.of(id)).stream()
                  .sorted(
                      Comparator.comparing((KnownAccount account) -> account.target().value())
                          .thenComparing(KnownAccount::username))
                  .toList();
          var pending = plans.operationsById(plans.openOperationsOf(List.of(id)));
          var history = audit.search(AuditQuery.aboutPerson(id.value(), HISTORY));
          return Optional.of(
              new PersonDetail(
                  identity,
                  Principals.displayName(identity),
                  managerName(identity),
                  access,
                  held,
                  pending,
                  history));
        });
  }

  /** The human name of each of these people that exists. */
  public Map<IdentityId, String> names(Collection<IdentityId> ids) {
    return transactions.inTransaction(
        () -> {
          Map<IdentityId, String> names = new HashMap<>();
          for (IdentityId id : ids) {
            if (!names.containsKey(id)) {
              identities.find(id).ifPresent(found -> names.put(id, Principals.displayName(found)));
            }
          }
          return names;
        });
  }

  private @Nullable String managerName(Identity identity) {
    Optional<String> managerId = identity.attribute(Principals.MANAGER_ID);
    if (managerId.isEmpty()) {
      return null;
    }
    List<IdentityId> managers = identities.findByAttribute(Principals.EMPLOYEE_ID, managerId.get());
    if (managers.size() != 1) {
      return null;
    }
    return identities.find(managers.get(0)).map(Principals::displayName).orElse(null);
  }
}
