package io.tenure.server.web;

import io.tenure.engine.access.LocalUsers;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * When {@code tenure serve} starts with {@code TENURE_ADMIN_PASSWORD} set (at least 12 characters)
 * and there is no user {@code admin} yet, creates the bootstrap administrator {@code admin} with
 * that password (audited as {@code bootstrap:environment}). There is never a default password:
 * without the variable, {@code tenure user create-admin} makes one.
 */
@Component
class BootstrapAdministrator implements SmartInitializingSingleton {

  /** The property (or environment variable {@code TENURE_ADMIN_PASSWORD}) it reads. */
  static final String PASSWORD = "tenure.admin.password";

  private final LocalUsers users;
  private final Environment environment;

  BootstrapAdministrator(LocalUsers users, Environment environment) {
    this.users = users;
    this.environment = environment;
  }

  @Override
  public void afterSingletonsInstantiated() {
    String password = environment.getProperty(PASSWORD, "");
    if (password.isEmpty() || users.find(LocalUsers.BOOTSTRAP_ADMIN).isPresent()) {
      return;
    }
    users.createAdmin(password, "bootstrap:environment");
  }
}
