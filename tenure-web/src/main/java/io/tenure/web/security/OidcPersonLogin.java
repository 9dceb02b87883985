package io.tenure.web.security;

import io.tenure.engine.access.AccessPrincipal;
import io.tenure.engine.access.Principals;
import java.util.Optional;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * The console's OIDC login: the provider's user is matched to exactly one person in the identity
 * store by the configured claim (for example {@code email}) against the configured identity
 * attribute (for example {@code email} or {@code employeeId}). A login that matches nobody, or more
 * than one person, is refused.
 */
final class OidcPersonLogin implements OAuth2UserService<OidcUserRequest, OidcUser> {

  private final OidcUserService delegate = new OidcUserService();
  private final Principals principals;
  private final OidcSettings settings;

  OidcPersonLogin(Principals principals, OidcSettings settings) {
    this.principals = principals;
    this.settings = settings;
  }

  @Override
  public OidcUser loadUser(OidcUserRequest request) {
    OidcUser user = delegate.loadUser(request);
    Object claim = user.getClaims().get(settings.claim());
    String value = claim == null ? "" : claim.toString();
    Optional<AccessPrincipal> principal = principals.ofPersonMatching(settings.attribute(), value);
    if (principal.isEmpty()) {
      throw new OAuth2AuthenticationException(
          new OAuth2Error(
              "no_person",
              "No single person in Tenure has "
                  + settings.attribute()
                  + " equal to the login's "
                  + settings.claim(),
              null));
    }
    return new PersonOidcUser(user, principal.get());
  }

  /** An OIDC user that is a person in the identity store, with that person's roles. */
  static final class PersonOidcUser extends DefaultOidcUser implements HoldsAccessPrincipal {

    private static final long serialVersionUID = 1L;

    private final AccessPrincipal principal;

    PersonOidcUser(OidcUser user, AccessPrincipal principal) {
      super(
          PrincipalAuthentication.authorities(principal, java.util.List.of()),
          user.getIdToken(),
          user.getUserInfo());
      this.principal = principal;
    }

    @Override
    public AccessPrincipal accessPrincipal() {
      return principal;
    }

    @Override
    public String getName() {
      return principal.name();
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof PersonOidcUser that
          && super.equals(that)
          && principal.equals(that.principal);
    }

    @Override
    public int hashCode() {
      return super.hashCode() * 31 + principal.hashCode();
    }
  }
}
