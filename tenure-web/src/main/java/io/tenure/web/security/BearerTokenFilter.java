package io.tenure.web.security;

import io.tenure.engine.access.ApiToken;
import io.tenure.engine.access.ApiTokens;
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
 * Authenticates {@code Authorization: Bearer <token>} against {@link ApiTokens}. A valid token
 * becomes an authentication whose name is the token's name and whose authority is {@code
 * SCOPE_<scope>}; anything else leaves the request unauthenticated (the security rules then answer
 * 401).
 */
public final class BearerTokenFilter extends OncePerRequestFilter {

  private final ApiTokens tokens;

  public BearerTokenFilter(ApiTokens tokens) {
    this.tokens = tokens;
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
            context.setAuthentication(new TokenAuthentication(found));
            SecurityContextHolder.setContext(context);
          });
    }
    chain.doFilter(request, response);
  }

  /** An authenticated API token. */
  public static final class TokenAuthentication extends AbstractAuthenticationToken {

    private final ApiToken token;

    TokenAuthentication(ApiToken token) {
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
