package io.tenure.server.provisioning;

import io.tenure.engine.account.AccountRepository;
import io.tenure.engine.account.Ownership;
import io.tenure.engine.assignment.AssignmentRepository;
import io.tenure.engine.assignment.Assignments;
import io.tenure.engine.audit.AuditLog;
import io.tenure.engine.configuration.SourceDefinition;
import io.tenure.engine.configuration.TenureConfiguration;
import io.tenure.engine.connector.ConnectorRegistry;
import io.tenure.engine.execution.ExecutionService;
import io.tenure.engine.execution.OperationRunner;
import io.tenure.engine.execution.PlanRepository;
import io.tenure.engine.execution.QueuedExecution;
import io.tenure.engine.guard.GuardedExecution;
import io.tenure.engine.identity.IdentityRepository;
import io.tenure.engine.ingest.ErasedPeople;
import io.tenure.engine.ingest.IdentityImporter;
import io.tenure.engine.ingest.LifecycleListener;
import io.tenure.engine.ingest.ManagerReferences;
import io.tenure.engine.ingest.SourceAccess;
import io.tenure.engine.ingest.SourceRecordLocations;
import io.tenure.engine.ingest.SourceSnapshots;
import io.tenure.engine.planning.AttributeOrigins;
import io.tenure.engine.planning.ConfiguredPolicy;
import io.tenure.engine.planning.DesiredStateService;
import io.tenure.engine.planning.MoveNotes;
import io.tenure.engine.planning.PlanningService;
import io.tenure.engine.planning.RoleAssignments;
import io.tenure.engine.planning.TargetNames;
import io.tenure.engine.planning.UsernameOrder;
import io.tenure.engine.progress.ProgressBoard;
import io.tenure.engine.provisioning.ImportSafeguards;
import io.tenure.engine.provisioning.Provisioning;
import io.tenure.engine.store.IdGenerator;
import io.tenure.engine.store.StoreFingerprint;
import io.tenure.engine.store.Transactions;
import io.tenure.governance.certification.RecordedExceptions;
import io.tenure.governance.privacy.PersonalData;
import io.tenure.store.JdbcStore;
import java.time.Clock;
import java.util.Optional;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

/**
 * The engine's services over the store's ports, built from the loaded configuration. Lazy: a
 * command that does not plan (such as {@code audit}) does not pay for compiling the policy.
 */
@Configuration(proxyBeanMethods = false)
@Lazy
class EngineConfiguration {

  @Bean
  ConfiguredPolicy configuredPolicy(TenureConfiguration configuration) {
    return ConfiguredPolicy.of(configuration);
  }

  /** What Tenure may treat as its own on each target ({@link ConfiguredPolicy#ownership()}). */
  @Bean
  Ownership ownership(ConfiguredPolicy policy) {
    return policy.ownership();
  }

  /**
   * The connectors planning asks which names are in use on each target before giving a new
   * username; created on first use, closed with the application.
   */
  @Bean(destroyMethod = "close")
  ConnectorRegistry planningConnectors(TenureConfiguration configuration) {
    return ConnectorRegistry.load(configuration.targets());
  }

  @Bean
  DesiredStateService desiredStateService(
      ConfiguredPolicy policy,
      IdentityRepository identities,
      AccountRepository accounts,
      Clock clock,
      RoleAssignments assignments,
      ConnectorRegistry planningConnectors,
      TenureConfiguration configuration,
      SourceRecordLocations locations,
      RecordedExceptions exceptions) {
    return new DesiredStateService(
            policy,
            identities,
            accounts,
            clock,
            assignments,
            TargetNames.of(planningConnectors),
            Optional.of(
                new AttributeOrigins(
                    policy.policy(), configuration.attributeAuthority(), locations)),
            new UsernameOrder(
                configuration.sources().stream().map(SourceDefinition::name).toList(), locations))
        .withholding(exceptions::revokedRoles);
  }

  /** The moves an import just noted, so that the plan after it explains removals by them. */
  @Bean
  MoveNotes moveNotes() {
    return new MoveNotes();
  }

  /** Grants and ends assignments of configured roles, audited. */
  @Bean
  Assignments assignments(
      AssignmentRepository repository, AuditLog audit, Clock clock, ConfiguredPolicy policy) {
    return new Assignments(
        repository, audit, clock, role -> policy.policy().roles().find(role).isPresent());
  }

  /** Where imports, planning and executions report how far they got (the CLI listens). */
  @Bean
  ProgressBoard progressBoard() {
    return new ProgressBoard();
  }

  @Bean
  PlanningService planningService(
      DesiredStateService desired,
      IdentityRepository identities,
      AccountRepository accounts,
      Transactions transactions,
      Clock clock,
      MoveNotes moves,
      ProgressBoard progress) {
    return new PlanningService(
        desired,
        identities,
        accounts,
        transactions,
        clock,
        PlanningService.DEFAULT_BATCH_SIZE,
        moves,
        progress);
  }

  @Bean
  IdentityImporter identityImporter(
      IdentityRepository identities,
      AuditLog audit,
      Transactions transactions,
      IdGenerator ids,
      Clock clock,
      TenureConfiguration configuration,
      SourceAccess sources,
      MoveNotes moves,
      ErasedPeople erasedPeople,
      LifecycleListener lifecycle) {
    return new IdentityImporter(
            identities,
            moves.noting(audit),
            transactions,
            ids,
            clock,
            configuration.lifecycle(),
            configuration.attributeAuthority())
        .withSources(sources)
        .withErasedPeople(erasedPeople)
        .withListener(lifecycle);
  }

  /**
   * Runs operations; when the retention delete removes a leaver's last account, their audit trail
   * is pseudonymised at once ({@link PersonalData#afterAccountDeleted}).
   */
  @Bean
  OperationRunner operationRunner(
      PlanRepository plans,
      AccountRepository accounts,
      AuditLog audit,
      Transactions transactions,
      Clock clock,
      Ownership ownership,
      PersonalData personalData) {
    return new OperationRunner(
        plans, accounts, audit, transactions, clock, ownership, personalData::afterAccountDeleted);
  }

  @Bean
  ExecutionService executionService(
      PlanRepository plans,
      OperationRunner runner,
      Transactions transactions,
      IdGenerator ids,
      Clock clock,
      TenureConfiguration configuration,
      QueuedExecution queued) {
    return new ExecutionService(
        plans,
        runner,
        transactions,
        ids,
        clock,
        ExecutionService.serviceLoaded(configuration.targets()),
        queued);
  }

  @Bean
  Provisioning provisioning(
      TenureConfiguration configuration,
      JdbcStore store,
      IdentityImporter importer,
      PlanningService planning,
      GuardedExecution guarded,
      SourceSnapshots snapshots,
      SourceRecordLocations locations,
      StoreFingerprint fingerprint,
      Clock clock,
      ManagerReferences managers,
      AuditLog audit,
      ProgressBoard progress) {
    return new Provisioning(
        configuration,
        store.transactions(),
        importer,
        planning,
        guarded,
        new ImportSafeguards(
            snapshots,
            locations,
            fingerprint,
            clock,
            managers,
            audit,
            progress,
            store.planningBacklog()));
  }
}
