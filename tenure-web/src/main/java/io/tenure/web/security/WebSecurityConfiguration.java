package io.tenure.web.security;

import io.tenure.engine.access.ApiTokens;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * The web server's security: the health endpoint is open (for load balancers and monitoring);
 * everything else needs an API bearer token ({@code tenure token create}). A {@code scim} token
 * reaches only {@code /scim/v2}; an {@code admin} token reaches everything. No token (or a revoked
 * one) is answered 401, a token of the wrong scope 403; under {@code /scim/v2} both as SCIM error
 * responses. Stateless: no session, no cookie, so no CSRF exposure.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class WebSecurityConfiguration {

  @Bean
  SecurityFilterChain securityFilterChain(HttpSecurity http, ApiTokens tokens) throws Exception {
    http.authorizeHttpRequests(
            requests ->
                requests
                    .requestMatchers("/actuator/health", "/actuator/health/**")
                    .permitAll()
                    .requestMatchers("/scim/v2", "/scim/v2/**")
                    .hasAnyAuthority("SCOPE_scim", "SCOPE_admin")
                    .anyRequest()
                    .hasAuthority("SCOPE_admin"))
        .addFilterBefore(new BearerTokenFilter(tokens), AnonymousAuthenticationFilter.class)
        .sessionManagement(
            session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .csrf(AbstractHttpConfigurer::disable)
        .httpBasic(AbstractHttpConfigurer::disable)
        .formLogin(AbstractHttpConfigurer::disable)
        .exceptionHandling(
            exceptions ->
                exceptions
                    .authenticationEntryPoint(
                        (request, response, failure) ->
                            refuse(
                                request.getRequestURI(),
                                response,
                                HttpServletResponse.SC_UNAUTHORIZED,
                                "A valid bearer token is required"))
                    .accessDeniedHandler(
                        (request, response, failure) ->
                            refuse(
                                request.getRequestURI(),
                                response,
                                HttpServletResponse.SC_FORBIDDEN,
                                "This token's scope does not allow this request")));
    return http.build();
  }

  private static void refuse(String uri, HttpServletResponse response, int status, String detail)
      throws IOException {
    response.setStatus(status);
    if (status == HttpServletResponse.SC_UNAUTHORIZED) {
      response.setHeader("WWW-Authenticate", "Bearer realm=\"tenure\"");
    }
    if (uri.startsWith("/scim/")) {
      response.setContentType("application/scim+json");
      response
          .getOutputStream()
          .write(
              ("{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:Error\"],\"status\":\""
                      + status
                      + "\",\"detail\":\""
                      + detail
                      + "\"}")
                  .getBytes(StandardCharsets.UTF_8));
    }
  }

  /** No users: credentials are bearer tokens only (this keeps Boot from making a default user). */
  @Bean
  UserDetailsService noUsers() {
    return new InMemoryUserDetailsManager();
  }
}
