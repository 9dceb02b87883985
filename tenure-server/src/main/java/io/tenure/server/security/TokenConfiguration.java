package io.tenure.server.security;

import io.tenure.engine.access.ApiTokens;
import io.tenure.engine.audit.AuditLog;
import io.tenure.engine.store.Transactions;
import io.tenure.store.JdbcTokenRepository;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The API tokens over the application's data source. */
@Configuration(proxyBeanMethods = false)
class TokenConfiguration {

  @Bean
  ApiTokens apiTokens(
      DataSource dataSource, AuditLog audit, Transactions transactions, Clock clock) {
    return new ApiTokens(new JdbcTokenRepository(dataSource), audit, transactions, clock);
  }
}
