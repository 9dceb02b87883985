package io.tenure.web.api;

import io.swagger.v3.oas.annotations.tags.Tag;
import io.tenure.core.identity.IdentityId;
import io.tenure.engine.access.AccessRole;
import io.tenure.engine.access.ApiTokens;
import io.tenure.engine.access.LocalUsers;
import io.tenure.engine.access.Permission;
import io.tenure.engine.access.TokenScope;
import io.tenure.web.problem.BadRequest;
import io.tenure.web.problem.NotFound;
import io.tenure.web.security.Callers;
import io.tenure.web.security.Requires;
import java.util.EnumSet;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/users} and {@code /api/v1/tokens}: who may log in and which tokens exist. A
 * generated password or a token's secret is in the answer that creates it, and nowhere else.
 */
@RestController
@ConditionalOnWebApplication
@RequestMapping(path = "/api/v1", produces = "application/json")
@Tag(name = "access control", description = "Users who log in and API tokens")
class AccessControlApi {

  private final ObjectProvider<LocalUsers> users;
  private final ObjectProvider<ApiTokens> tokens;

  AccessControlApi(ObjectProvider<LocalUsers> users, ObjectProvider<ApiTokens> tokens) {
    this.users = users;
    this.tokens = tokens;
  }

  @GetMapping("/users")
  @Requires(Permission.VIEW_ACCESS_CONTROL)
  AccessControlViews.Users listUsers() {
    return new AccessControlViews.Users(
        users.getObject().list().stream().map(Views::user).toList());
  }

  @PostMapping("/users")
  @ResponseStatus(HttpStatus.CREATED)
  @Requires(Permission.MANAGE_ACCESS_CONTROL)
  AccessControlViews.CreatedUser createUser(@RequestBody AccessControlViews.NewUser user) {
    if (user.username() == null || user.username().isBlank()) {
      throw new BadRequest("a user needs a username");
    }
    Set<AccessRole> roles = EnumSet.noneOf(AccessRole.class);
    try {
      if (user.roles() != null) {
        user.roles().forEach(role -> roles.add(AccessRole.parse(role)));
      }
      LocalUsers.CreatedUser created =
          users
              .getObject()
              .create(
                  user.username(),
                  user.displayName() == null ? "" : user.displayName(),
                  roles,
                  user.person() == null || user.person().isBlank()
                      ? null
                      : new IdentityId(user.person().strip()),
                  null,
                  Callers.current().actor());
      return new AccessControlViews.CreatedUser(
          Views.user(created.user()), String.valueOf(created.generatedPassword()));
    } catch (IllegalArgumentException e) {
      throw new BadRequest(e.getMessage());
    }
  }

  @PostMapping("/users/{username}/disable")
  @Requires(Permission.MANAGE_ACCESS_CONTROL)
  AccessControlViews.User disableUser(@PathVariable("username") String username) {
    users.getObject().disable(username, Callers.current().actor());
    return Views.user(
        users
            .getObject()
            .find(username)
            .orElseThrow(() -> new NotFound("there is no user " + username)));
  }

  @GetMapping("/tokens")
  @Requires(Permission.VIEW_ACCESS_CONTROL)
  AccessControlViews.Tokens listTokens() {
    return new AccessControlViews.Tokens(
        tokens.getObject().list().stream().map(Views::token).toList());
  }

  @PostMapping("/tokens")
  @ResponseStatus(HttpStatus.CREATED)
  @Requires(Permission.MANAGE_ACCESS_CONTROL)
  AccessControlViews.CreatedToken createToken(@RequestBody AccessControlViews.NewToken token) {
    TokenScope scope;
    try {
      scope = TokenScope.parse(token.scope() == null ? "" : token.scope());
    } catch (IllegalArgumentException e) {
      throw new BadRequest(e.getMessage());
    }
    String user = token.user() == null || token.user().isBlank() ? null : token.user().strip();
    if (user != null && users.getObject().find(user).isEmpty()) {
      throw new BadRequest("there is no user " + user);
    }
    ApiTokens.CreatedToken created =
        tokens.getObject().create(scope, token.name(), user, Callers.current().actor());
    return new AccessControlViews.CreatedToken(Views.token(created.token()), created.secret());
  }

  @PostMapping("/tokens/{id}/revoke")
  @Requires(Permission.MANAGE_ACCESS_CONTROL)
  AccessControlViews.Token revokeToken(@PathVariable("id") String id) {
    tokens.getObject().revoke(id, Callers.current().actor());
    return tokens.getObject().list().stream()
        .filter(token -> token.id().equals(id))
        .findFirst()
        .map(Views::token)
        .orElseThrow(() -> new NotFound("there is no token " + id));
  }
}
