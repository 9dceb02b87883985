package io.tenure.scim.server;

import io.tenure.engine.audit.AuditLog;
import io.tenure.engine.configuration.TenureConfiguration;
import io.tenure.engine.guard.GuardedExecution;
import io.tenure.engine.identity.IdentityRepository;
import io.tenure.engine.ingest.LifecycleListener;
import io.tenure.engine.ingest.SourceMerge;
import io.tenure.engine.ingest.SourcePush;
import io.tenure.engine.planning.PlanningService;
import io.tenure.engine.store.IdGenerator;
import io.tenure.engine.store.Transactions;
import io.tenure.scim.server.store.ScimGroupStore;
import io.tenure.scim.server.store.ScimStores;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.webmvc.autoconfigure.WebMvcRegistrations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The SCIM server's services (web server only): the protocol over the SCIM stores ({@link
 * ScimStores}) and the engine's ports, a pushed User handled by the engine's {@link SourcePush}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class ScimConfiguration {

  /** The application's request mapping, which looks SCIM requests up among SCIM's endpoints. */
  @Bean
  WebMvcRegistrations scimHandlerMapping() {
    return new WebMvcRegistrations() {
      @Override
      public RequestMappingHandlerMapping getRequestMappingHandlerMapping() {
        return new ScimHandlerMapping();
      }
    };
  }

  @Bean
  ScimGroupStore scimGroupStore(DataSource dataSource) {
    return ScimStores.groups(dataSource);
  }

  @Bean
  GroupAudit scimGroupAudit(AuditLog audit, Clock clock) {
    return new GroupAudit(audit, clock);
  }

  @Bean
  ScimUsers scimUsers(
      DataSource dataSource,
      ScimGroupStore groups,
      GroupAudit groupAudit,
      IdentityRepository identities,
      AuditLog audit,
      Transactions transactions,
      IdGenerator ids,
      Clock clock,
      TenureConfiguration configuration,
      PlanningService planning,
      GuardedExecution execution,
      ObjectProvider<LifecycleListener> lifecycleListener) {
    SourcePush push =
        new SourcePush(
            ScimUsers.pushSource(configuration.scim()),
            configuration.sources(),
            new SourceMerge(configuration.attributeAuthority()),
            identities,
            audit,
            clock,
            configuration.lifecycle(),
            lifecycleListener.getIfAvailable(() -> LifecycleListener.NONE));
    return new ScimUsers(
        ScimStores.users(dataSource),
        new GroupMembers(groups, groupAudit),
        identities,
        new UserPushes(push, new ScimProvisioning(transactions, planning, execution), transactions),
        ids,
        clock,
        configuration.scim());
  }

  @Bean
  ScimGroups scimGroups(
      ScimGroupStore groups,
      GroupAudit groupAudit,
      Transactions transactions,
      Clock clock,
      TenureConfiguration configuration,
      PlanningService planning,
      GuardedExecution execution) {
    RoleGroups roles = new RoleGroups(configuration.scim().roles(), groups, clock);
    roles.seed();
    return new ScimGroups(
        groups,
        roles,
        new GroupMembers(groups, groupAudit),
        groupAudit,
        transactions,
        clock,
        new ScimProvisioning(transactions, planning, execution));
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
