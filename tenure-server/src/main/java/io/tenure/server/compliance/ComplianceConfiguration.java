package io.tenure.server.compliance;

import io.tenure.engine.account.AccountRepository;
import io.tenure.engine.assignment.Assignment;
import io.tenure.engine.assignment.Assignments;
import io.tenure.engine.audit.AuditLog;
import io.tenure.engine.configuration.SourceDefinition;
import io.tenure.engine.configuration.TargetDefinition;
import io.tenure.engine.configuration.TenureConfiguration;
import io.tenure.engine.identity.IdentityRepository;
import io.tenure.engine.ingest.ErasedPeople;
import io.tenure.engine.planning.ConfiguredPolicy;
import io.tenure.engine.planning.PlanningService;
import io.tenure.engine.planning.RoleAssignments;
import io.tenure.engine.provisioning.Provisioning;
import io.tenure.engine.reconciliation.AccountCorrelationRule;
import io.tenure.engine.reconciliation.FindingRepository;
import io.tenure.engine.store.Transactions;
import io.tenure.governance.certification.AccessRevoker;
import io.tenure.governance.certification.CampaignRepository;
import io.tenure.governance.certification.Certification;
import io.tenure.governance.certification.HeldRoles;
import io.tenure.governance.certification.PlannedRevocation;
import io.tenure.governance.certification.PolicyHeldRoles;
import io.tenure.governance.certification.RecordedExceptions;
import io.tenure.governance.privacy.PersonalData;
import io.tenure.governance.report.ComplianceReports;
import io.tenure.governance.report.RoleGrantTimes;
import io.tenure.store.JdbcCampaignRepository;
import io.tenure.store.JdbcRecordedExceptions;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

/** The compliance services over the store: reports, recorded exceptions, certification. */
@Configuration(proxyBeanMethods = false)
@Lazy
class ComplianceConfiguration {

  @Bean
  RecordedExceptions recordedExceptions(DataSource dataSource) {
    return new JdbcRecordedExceptions(dataSource);
  }

  @Bean
  CampaignRepository campaignRepository(DataSource dataSource) {
    return new JdbcCampaignRepository(dataSource);
  }

  @Bean
  HeldRoles heldRoles(
      ConfiguredPolicy policy,
      RoleAssignments assignments,
      RecordedExceptions exceptions,
      Clock clock) {
    return new PolicyHeldRoles(policy, assignments, exceptions::revokedRoles, clock);
  }

  @Bean
  AccessRevoker accessRevoker(PlanningService planning, Provisioning provisioning) {
    return new PlannedRevocation(planning, provisioning);
  }

  @Bean
  Certification certification(
      CampaignRepository campaigns,
      IdentityRepository identities,
      HeldRoles roles,
      RecordedExceptions exceptions,
      AccessRevoker revoker,
      AuditLog audit,
      Transactions transactions,
      Clock clock,
      TenureConfiguration configuration,
      Assignments assignments) {
    return new Certification(
            campaigns,
            identities,
            roles,
            exceptions,
            revoker,
            audit,
            transactions,
            () -> UUID.randomUUID().toString().substring(0, 8),
            clock,
            role -> roleOwners(configuration, role),
            () -> RoleGrantTimes.from(audit))
        .endingGrantsWith(
            (identity, role, origin, actor, reason) ->
                endAssignment(assignments, clock, identity, role, origin, actor, reason));
  }

  /** The owners of a role ({@code roles.NAME.owner}). */
  private static List<String> roleOwners(TenureConfiguration configuration, String role) {
    return configuration.roles().stream()
        .filter(definition -> definition.name().equals(role))
        .findFirst()
        .map(definition -> definition.request().owners())
        .orElse(List.of());
  }

  /** Ends the active assignment of the role with that origin ({@code request R-12}). */
  private static boolean endAssignment(
      Assignments assignments,
      Clock clock,
      io.tenure.core.identity.IdentityId identity,
      String role,
      String origin,
      String actor,
      String reason) {
    for (Assignment assignment :
        assignments.repository().activeFor(List.of(identity), clock.instant())) {
      if (assignment.role().value().equals(role)
          && origin.startsWith(assignment.origin().describe())) {
        return assignments.end(assignment.id(), actor, reason);
      }
    }
    return false;
  }

  @Bean
  PersonalData personalData(
      IdentityRepository identities,
      AccountRepository accounts,
      AuditLog audit,
      Transactions transactions,
      Clock clock,
      TenureConfiguration configuration,
      ErasedPeople erasedPeople) {
    return new PersonalData(
        identities,
        accounts,
        audit,
        transactions,
        clock,
        () -> UUID.randomUUID().toString().replace("-", "").substring(0, 16),
        identifyingAttributes(configuration),
        erasedPeople);
  }

  /**
   * The identity attributes the configuration uses to recognise a person: each source's key and
   * fallback keys, and the identity side of each target's correlation rules.
   */
  static Set<String> identifyingAttributes(TenureConfiguration configuration) {
    Set<String> names = new TreeSet<>();
    for (SourceDefinition source : configuration.sources()) {
      names.add(source.key());
      names.addAll(source.fallbackKeys());
    }
    for (TargetDefinition target : configuration.targets()) {
      for (AccountCorrelationRule rule : target.reconciliation().correlation()) {
        if (!rule.identityAttribute().startsWith("@")) {
          names.add(rule.identityAttribute());
        }
      }
    }
    return names;
  }

  @Bean
  ComplianceReports complianceReports(
      IdentityRepository identities,
      AccountRepository accounts,
      FindingRepository findings,
      AuditLog audit,
      RecordedExceptions exceptions,
      Transactions transactions,
      Clock clock,
      TenureConfiguration configuration) {
    return new ComplianceReports(
        identities,
        accounts,
        findings,
        audit,
        exceptions,
        transactions,
        clock,
        configuration.targets().stream().map(TargetDefinition::id).toList());
  }
}
