package io.tenure.scim.server;

import io.tenure.engine.audit.AuditLog;
import io.tenure.engine.configuration.TenureConfiguration;
import io.tenure.engine.guard.GuardedExecution;
import io.tenure.engine.identity.IdentityRepository;
import io.tenure.engine.ingest.SourceMerge;
import io.tenure.engine.ingest.SourcePush;
import io.tenure.engine.planning.PlanningService;
import io.tenure.engine.store.IdGenerator;
import io.tenure.engine.store.Transactions;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The SCIM server's services (web server only). */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class ScimConfiguration {

  @Bean
  ScimUsers scimUsers(
      DataSource dataSource,
      IdentityRepository identities,
      AuditLog audit,
      Transactions transactions,
      IdGenerator ids,
      Clock clock,
      TenureConfiguration configuration,
      PlanningService planning,
      GuardedExecution execution) {
    SourcePush push =
        new SourcePush(
            ScimUsers.pushSource(configuration.scim()),
            configuration.sources(),
            new SourceMerge(configuration.attributeAuthority()),
            identities,
            audit,
            clock,
            configuration.lifecycle());
    return new ScimUsers(
        dataSource,
        identities,
        audit,
        transactions,
        ids,
        clock,
        new ScimProvisioning(transactions, planning, execution),
        configuration.scim(),
        push);
  }

  @Bean
  ScimGroups scimGroups(
      DataSource dataSource,
      AuditLog audit,
      Transactions transactions,
      Clock clock,
      TenureConfiguration configuration,
      PlanningService planning,
      GuardedExecution execution) {
    ScimGroups groups =
        new ScimGroups(
            dataSource,
            configuration.scim().roles(),
            audit,
            transactions,
            clock,
            new ScimProvisioning(transactions, planning, execution));
    groups.seed();
    return groups;
  }

  @Bean
  ScimDiscovery scimDiscovery() {
    return new ScimDiscovery();
  }

  @Bean
  ScimBulk scimBulk(ScimUsers users, ScimGroups groups) {
    return new ScimBulk(users, groups);
  }
}
