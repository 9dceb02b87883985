package io.tenure.server.request;

import io.tenure.engine.assignment.Assignments;
import io.tenure.engine.audit.AuditLog;
import io.tenure.engine.configuration.TenureConfiguration;
import io.tenure.engine.guard.GuardedExecution;
import io.tenure.engine.identity.IdentityRepository;
import io.tenure.engine.ingest.LifecycleListener;
import io.tenure.engine.people.AccessExplanation;
import io.tenure.engine.planning.ConfiguredPolicy;
import io.tenure.engine.planning.PlanningService;
import io.tenure.engine.store.Transactions;
import io.tenure.governance.request.AccessChanges;
import io.tenure.governance.request.AccessComparison;
import io.tenure.governance.request.AccessRequests;
import io.tenure.governance.request.LifecycleWebhooks;
import io.tenure.governance.request.People;
import io.tenure.governance.request.PlannedAccessChanges;
import io.tenure.governance.request.RequestEnvironment;
import io.tenure.governance.request.RequestNotifier;
import io.tenure.governance.request.RequestRepository;
import io.tenure.governance.request.RequestWork;
import io.tenure.governance.request.SodRules;
import io.tenure.governance.request.SodViolations;
import io.tenure.governance.request.WebhookOutbox;
import io.tenure.store.JdbcStore;
import io.tenure.store.JdbcWebhookOutbox;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Requests and approvals over the store: the request services provision through planning and the
 * mass-change brake ({@link PlannedAccessChanges}) and tell people through the configured notifier
 * (none unless one is configured). Lazy, like the engine.
 */
@Configuration(proxyBeanMethods = false)
@Lazy
class RequestConfiguration {

  @Bean
  RequestRepository requestRepository(JdbcStore store) {
    return store.requests();
  }

  @Bean
  WebhookOutbox webhookOutbox(javax.sql.DataSource dataSource) {
    return new JdbcWebhookOutbox(dataSource);
  }

  @Bean
  WebhookNotifier webhookNotifier(
      TenureConfiguration configuration, WebhookOutbox outbox, Clock clock) {
    return new WebhookNotifier(configuration.notifications(), outbox, clock);
  }

  /**
   * The joiners, movers and leavers of imports, written to the webhook outbox in the import's
   * transaction and sent once it has committed.
   */
  @Bean
  LifecycleListener lifecycleListener(
      TenureConfiguration configuration,
      WebhookOutbox outbox,
      WebhookNotifier webhooks,
      PlatformTransactionManager manager) {
    return new LifecycleWebhookDelivery(
        new LifecycleWebhooks(configuration.notifications(), outbox), webhooks, manager);
  }

  /** E-mail when {@code notifications.smtp} is configured, and the configured webhooks. */
  @Bean
  @org.springframework.context.annotation.Primary
  RequestNotifier requestNotifier(
      TenureConfiguration configuration, IdentityRepository identities, WebhookNotifier webhooks) {
    java.util.List<RequestNotifier> channels = new java.util.ArrayList<>();
    if (configuration.notifications().smtp() != null) {
      channels.add(new MailNotifier(configuration.notifications(), new People(identities)));
    }
    channels.add(webhooks);
    return new Notifiers(channels);
  }

  @Bean
  AccessChanges accessChanges(
      Transactions transactions, PlanningService planning, GuardedExecution guarded) {
    return new PlannedAccessChanges(transactions, planning, guarded);
  }

  @Bean
  RequestEnvironment requestEnvironment(
      TenureConfiguration configuration,
      ConfiguredPolicy policy,
      RequestRepository requests,
      Assignments assignments,
      IdentityRepository identities,
      AccessExplanation explanation,
      Transactions transactions,
      AccessChanges changes,
      RequestNotifier notifier,
      AuditLog audit,
      Clock clock) {
    return new RequestEnvironment(
        configuration,
        policy,
        requests,
        assignments,
        new People(identities),
        explanation,
        transactions,
        changes,
        notifier,
        audit,
        clock);
  }

  @Bean
  AccessRequests accessRequests(RequestEnvironment environment) {
    return new AccessRequests(environment);
  }

  /** The scheduled work of requests, then the due webhook deliveries. */
  @Bean
  RequestWork requestWork(RequestEnvironment environment, WebhookNotifier webhooks) {
    return new RequestWork(environment, webhooks::deliverDue);
  }

  @Bean
  AccessComparison accessComparison(
      TenureConfiguration configuration, ConfiguredPolicy policy, AccessExplanation explanation) {
    return new AccessComparison(configuration, policy, explanation);
  }

  @Bean
  SodViolations sodViolations(
      IdentityRepository identities,
      AccessExplanation explanation,
      TenureConfiguration configuration,
      ConfiguredPolicy policy,
      AuditLog audit,
      Transactions transactions,
      Clock clock) {
    return new SodViolations(
        identities,
        explanation,
        new SodRules(configuration.sod(), policy.policy().roles()),
        audit,
        transactions,
        clock);
  }
}
