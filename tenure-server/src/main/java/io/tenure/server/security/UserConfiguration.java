package io.tenure.server.security;

import io.tenure.engine.access.LocalUsers;
import io.tenure.engine.access.LoginThrottle;
import io.tenure.engine.access.PasswordHasher;
import io.tenure.engine.access.Principals;
import io.tenure.engine.access.UserRepository;
import io.tenure.engine.audit.AuditLog;
import io.tenure.engine.identity.IdentityRepository;
import io.tenure.engine.store.Transactions;
import io.tenure.store.JdbcUserRepository;
import io.tenure.web.security.BcryptPasswordHasher;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The users who log in (bcrypt password hashes in the store, five failures lock a user for fifteen
 * minutes) and the principals made of them, of OIDC logins and of tokens.
 */
@Configuration(proxyBeanMethods = false)
class UserConfiguration {

  @Bean
  UserRepository userRepository(DataSource dataSource) {
    return new JdbcUserRepository(dataSource);
  }

  @Bean
  PasswordHasher passwordHasher() {
    return new BcryptPasswordHasher();
  }

  @Bean
  LocalUsers localUsers(
      UserRepository users,
      PasswordHasher hasher,
      AuditLog audit,
      Transactions transactions,
      Clock clock) {
    return new LocalUsers(users, hasher, audit, transactions, clock, LoginThrottle.defaults());
  }

  @Bean
  Principals principals(
      IdentityRepository identities, UserRepository users, Transactions transactions) {
    return new Principals(identities, users, transactions);
  }
}
