package io.tenure.server.compliance;

import io.tenure.engine.account.AccountRepository;
import io.tenure.engine.audit.AuditLog;
import io.tenure.engine.certification.RecordedExceptions;
import io.tenure.engine.configuration.TargetDefinition;
import io.tenure.engine.configuration.TenureConfiguration;
import io.tenure.engine.identity.IdentityRepository;
import io.tenure.engine.privacy.PersonalData;
import io.tenure.engine.reconciliation.FindingRepository;
import io.tenure.engine.report.ComplianceReports;
import io.tenure.engine.store.Transactions;
import io.tenure.store.JdbcRecordedExceptions;
import java.time.Clock;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

/** The compliance services over the store: reports, recorded exceptions, personal data. */
@Configuration(proxyBeanMethods = false)
@Lazy
class ComplianceConfiguration {

  @Bean
  RecordedExceptions recordedExceptions(DataSource dataSource) {
    return new JdbcRecordedExceptions(dataSource);
  }

  @Bean
  PersonalData personalData(
      IdentityRepository identities,
      AccountRepository accounts,
      AuditLog audit,
      Transactions transactions,
      Clock clock) {
    return new PersonalData(
        identities,
        accounts,
        audit,
        transactions,
        clock,
        () -> UUID.randomUUID().toString().replace("-", "").substring(0, 16));
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
