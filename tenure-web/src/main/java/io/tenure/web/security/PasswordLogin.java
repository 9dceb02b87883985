package io.tenure.web.security;

import io.tenure.engine.access.LocalUsers;
import io.tenure.engine.access.LoginOutcome;
import io.tenure.engine.access.Principals;
import java.util.List;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;

/**
 * The console's password login: checks the user name and password with {@link LocalUsers} (which
 * locks a user after repeated failures and audits the lock-out) and makes the user's principal.
 */
final class PasswordLogin implements AuthenticationProvider {

  private final LocalUsers users;
  private final Principals principals;

  PasswordLogin(LocalUsers users, Principals principals) {
    this.users = users;
    this.principals = principals;
  }

  @Override
  public Authentication authenticate(Authentication authentication) {
    String username = authentication.getName();
    Object credentials = authentication.getCredentials();
    String password = credentials == null ? "" : credentials.toString();
    LoginOutcome outcome = users.authenticate(username, password);
    return switch (outcome.result()) {
      case SUCCEEDED ->
          new PrincipalAuthentication(principals.ofLocalUser(outcome.user()), List.of());
      case LOCKED -> throw new LockedException("too many failed logins; try again later");
      case DISABLED -> throw new DisabledException("this user is disabled");
      case REFUSED -> throw new BadCredentialsException("wrong user name or password");
    };
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
  }
}
