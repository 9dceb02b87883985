package io.tenure.web.api;

import io.tenure.core.identity.IdentityId;
import io.tenure.engine.people.PersonDirectory;
import io.tenure.engine.reconciliation.Finding;
import io.tenure.engine.reconciliation.FindingQuery;
import io.tenure.engine.reconciliation.FindingRepository;
import io.tenure.engine.store.Transactions;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Component;

/** Reconciliation findings as the API and the console show them. */
@Component
@ConditionalOnWebApplication
public class Findings {

  private final ObjectProvider<FindingRepository> findings;
  private final ObjectProvider<Transactions> transactions;
  private final ObjectProvider<PersonDirectory> people;

  Findings(
      ObjectProvider<FindingRepository> findings,
      ObjectProvider<Transactions> transactions,
      ObjectProvider<PersonDirectory> people) {
    this.findings = findings;
    this.transactions = transactions;
    this.people = people;
  }

  /** The findings matching the query, by target then username, at most {@code limit}. */
  public FindingViews.Page list(FindingQuery query, int limit) {
    List<Finding> found =
        transactions
            .getObject()
            .inTransaction(
                () -> {
                  try (Stream<Finding> stream = findings.getObject().stream(query)) {
                    return stream.limit(limit).toList();
                  }
                });
    Set<IdentityId> owners = new LinkedHashSet<>();
    for (Finding finding : found) {
      if (finding.owner() != null) {
        owners.add(finding.owner());
      }
    }
    var names = people.getObject().names(owners);
    return new FindingViews.Page(
        found.stream().map(finding -> Views.finding(finding, names)).toList());
  }
}
