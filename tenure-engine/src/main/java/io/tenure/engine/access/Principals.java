package io.tenure.engine.access;

import io.tenure.core.identity.Identity;
import io.tenure.core.identity.IdentityId;
import io.tenure.engine.identity.IdentityRepository;
import io.tenure.engine.store.Transactions;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Makes the principal of someone who logged in: the roles granted explicitly, {@link
 * AccessRole#SELF} for every person, and {@link AccessRole#APPROVER} for a manager (a person whose
 * {@code employeeId} is the {@code managerId} of somebody). An OIDC login is matched to a person by
 * one identity attribute (for example {@code email} or {@code employeeId}) holding the configured
 * claim's value; a person matched that way who is also a linked local user gets that user's roles.
 */
public final class Principals {

  /** The identity attribute naming a person's employee id. */
  public static final String EMPLOYEE_ID = "employeeId";

  /** The identity attribute naming the employee id of a person's manager. */
  public static final String MANAGER_ID = "managerId";

  private final IdentityRepository identities;
  private final UserRepository users;
  private final Transactions transactions;

  public Principals(
      IdentityRepository identities, UserRepository users, Transactions transactions) {
    this.identities = identities;
    this.users = users;
    this.transactions = transactions;
  }

  /** The principal of a local user who logged in. */
  public AccessPrincipal ofLocalUser(LocalUser user) {
    Set<AccessRole> roles = EnumSet.noneOf(AccessRole.class);
    roles.addAll(user.roles());
    roles.add(AccessRole.SELF);
    if (user.person() != null && isManager(user.person())) {
      roles.add(AccessRole.APPROVER);
    }
    return new AccessPrincipal(
        AccessPrincipal.Kind.LOCAL, user.username(), user.displayName(), roles, user.person());
  }

  /**
   * The principal of a person who logged in through OIDC, matched by {@code attribute} = {@code
   * value}; empty when no person, or more than one, holds that value (an ambiguous match is never
   * used).
   */
  public Optional<AccessPrincipal> ofPersonMatching(String attribute, String value) {
    if (value.isBlank()) {
      return Optional.empty();
    }
    return transactions.inTransaction(
        () -> {
          List<IdentityId> matches = identities.findByAttribute(attribute, value);
          if (matches.size() != 1) {
            return Optional.empty();
          }
          IdentityId person = matches.get(0);
          Optional<Identity> identity = identities.find(person);
          if (identity.isEmpty()) {
            return Optional.empty();
          }
          Set<AccessRole> roles = EnumSet.of(AccessRole.SELF);
          users.list().stream()
              .filter(user -> person.equals(user.person()) && !user.disabled())
              .forEach(user -> roles.addAll(user.roles()));
          if (isManager(person)) {
            roles.add(AccessRole.APPROVER);
          }
          return Optional.of(
              new AccessPrincipal(
                  AccessPrincipal.Kind.OIDC, value, displayName(identity.get()), roles, person));
        });
  }

  /** The principal of an API token: its bound user's, or admin when bound to nobody. */
  public AccessPrincipal ofToken(ApiToken token) {
    if (token.user() != null) {
      Optional<LocalUser> user =
          transactions.inTransaction(
              () -> users.find(token.user()).map(UserRepository.StoredUser::user));
      if (user.isPresent() && !user.get().disabled()) {
        AccessPrincipal person = ofLocalUser(user.get());
        return new AccessPrincipal(
            AccessPrincipal.Kind.TOKEN,
            token.name(),
            person.displayName(),
            person.roles(),
            person.person());
      }
      return new AccessPrincipal(
          AccessPrincipal.Kind.TOKEN, token.name(), token.name(), Set.of(AccessRole.SELF), null);
    }
    return new AccessPrincipal(
        AccessPrincipal.Kind.TOKEN, token.name(), token.name(), Set.of(AccessRole.ADMIN), null);
  }

  /** "Given Family", else the employee id, else the id. */
  public static String displayName(Identity identity) {
    String given = identity.attribute("givenName").orElse("");
    String family = identity.attribute("familyName").orElse("");
    String name = (given + " " + family).strip();
    if (!name.isEmpty()) {
      return name;
    }
    return identity.attribute(EMPLOYEE_ID).orElse(identity.id().value());
  }

  private boolean isManager(@Nullable IdentityId person) {
    if (person == null) {
      return false;
    }
    return transactions.inTransaction(
        () ->
            identities
                .find(person)
                .flatMap(identity -> identity.attribute(EMPLOYEE_ID))
                .map(employeeId -> !identities.findByAttribute(MANAGER_ID, employeeId).isEmpty())
                .orElse(false));
  }
}
