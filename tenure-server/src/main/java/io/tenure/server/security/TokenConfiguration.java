package io.tenure.server.security;

import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The token store over the application's data source. */
@Configuration(proxyBeanMethods = false)
class TokenConfiguration {

  @Bean
  ApiTokens apiTokens(DataSource dataSource, Clock clock) {
    return new ApiTokens(dataSource, clock);
  }
}
