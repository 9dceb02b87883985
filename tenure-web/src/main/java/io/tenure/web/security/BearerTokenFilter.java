package io.tenure.web.security;

import io.tenure.engine.access.ApiToken;
import io.tenure.engine.access.ApiTokens;
import io.tenure.engine.access.Principals;
import io.tenure.engine.access.TokenScope;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer <token>} against {@link ApiTokens}. A valid {@code
 * admin} token becomes a {@link PrincipalAuthentication} (the roles of the user it is bound to, or
 * admin when bound to nobody) with the authority {@code SCOPE_admin}; a valid {@code scim} token
 * becomes an authentication with the authority {@code SCOPE_scim} only. Anything else leaves the
 * request unauthenticated (the security rules then answer 401).
 */
public final class BearerTokenFilter extends OncePerRequestFilter {

  private final ApiTokens tokens;
  private final Principals principals;

  public BearerTokenFilter(ApiTokens tokens, Principals principals) {
    this.tokens = tokens;
    this.principals = principals;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String header = request.getHeader("Authorization");
    if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      Optional<ApiToken> token = tokens.authenticate(header.substring(7).strip());
      token.ifPresent(
          found -> {
            var context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(
                found.scope() == TokenScope.ADMIN
                    ? new PrincipalAuthentication(
                        principals.ofToken(found), List.of("SCOPE_" + found.scope().label()))
                    : new ScimTokenAuthentication(found));
            SecurityContextHolder.setContext(context);
          });
    }
    chain.doFilter(request, response);
  }

  /** An authenticated SCIM token: it reaches {@code /scim/v2} only. */
  static final class ScimTokenAuthentication extends AbstractAuthenticationToken {

    private final ApiToken token;

    ScimTokenAuthentication(ApiToken token) {
      super(List.of(new SimpleGrantedAuthority("SCOPE_" + token.scope().label())));
      this.token = token;
      setAuthenticated(true);
    }

    @Override
    public Object getCredentials() {
      return "";
    }

    @Override
    public Object getPrincipal() {
      return token;
    }

    @Override
    public String getName() {
      return token.name();
    }
  }
}
