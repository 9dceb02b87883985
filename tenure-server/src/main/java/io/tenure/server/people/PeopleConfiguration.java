package io.tenure.server.people;

import io.tenure.engine.account.AccountRepository;
import io.tenure.engine.audit.AuditLog;
import io.tenure.engine.execution.PlanRepository;
import io.tenure.engine.identity.IdentityRepository;
import io.tenure.engine.people.AccessExplanation;
import io.tenure.engine.people.PersonDirectory;
import io.tenure.engine.people.PersonSearch;
import io.tenure.engine.planning.ConfiguredPolicy;
import io.tenure.engine.planning.RoleAssignments;
import io.tenure.engine.store.Transactions;
import io.tenure.store.JdbcPersonSearch;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

/** People for the console and the API: search over the store, explained access. */
@Configuration(proxyBeanMethods = false)
@Lazy
class PeopleConfiguration {

  @Bean
  PersonSearch personSearch(DataSource dataSource, IdentityRepository identities) {
    return new JdbcPersonSearch(dataSource, identities);
  }

  @Bean
  AccessExplanation accessExplanation(
      ConfiguredPolicy policy, RoleAssignments assignments, Clock clock) {
    return new AccessExplanation(policy, assignments, clock);
  }

  @Bean
  PersonDirectory personDirectory(
      IdentityRepository identities,
      PersonSearch search,
      AccountRepository accounts,
      PlanRepository plans,
      AuditLog audit,
      Transactions transactions,
      AccessExplanation explanation) {
    return new PersonDirectory(
        identities, search, accounts, plans, audit, transactions, explanation);
  }
}
