package io.tenure.web.security;

import io.tenure.engine.access.ApiTokens;
import io.tenure.engine.access.LocalUsers;
import io.tenure.engine.access.Permission;
import io.tenure.engine.access.Principals;
import io.tenure.engine.audit.AuditLog;
import java.time.Clock;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.PropertySource;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The web server's security, one filter chain per kind of client:
 *
 * <ul>
 *   <li>{@code /scim/v2}: a bearer token of scope {@code scim}, or one acting as an administrator;
 *       errors as SCIM errors; stateless.
 *   <li>{@code /api/**}: a bearer token of scope {@code admin} (acting as the user it is bound to,
 *       or as an administrator); stateless, so no cookie and no CSRF exposure. What each endpoint
 *       allows is its {@link Requires} permission, checked by {@link PermissionInterceptor}.
 *   <li>{@code /actuator/health}: open. Every other actuator endpoint ({@code
 *       /actuator/prometheus}) needs a token whose roles allow {@code VIEW_METRICS}.
 *   <li>{@code /v3/api-docs} and {@code /swagger-ui}: the OpenAPI description, open.
 *   <li>everything else, the console: a session after a password login at {@code /login} (or an
 *       OIDC login when {@code TENURE_OIDC_ISSUER} is set); CSRF tokens on every form; a session
 *       ends after 30 minutes without a request; {@code /logout} ends it at once; too many failed
 *       logins from one address are refused for a while ({@link LoginAttempts}).
 * </ul>
 *
 * <p>Every answer carries a Content-Security-Policy without {@code unsafe-inline} ({@code
 * frame-ancestors 'none'}), {@code X-Content-Type-Options: nosniff}, {@code X-Frame-Options: DENY}
 * and {@code Referrer-Policy: same-origin}. Anonymous callers get 401 on every path but the open
 * ones (a browser is sent to the login page), so an unknown path answers 404 only to somebody
 * logged in.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
@PropertySource("classpath:tenure-web.properties")
class WebSecurityConfiguration implements WebMvcConfigurer {

  private final ObjectProvider<LocalUsers> users;

  WebSecurityConfiguration(ObjectProvider<LocalUsers> users) {
    this.users = users;
  }

  /** The Content-Security-Policy of every answer. */
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(new PermissionInterceptor(users));
  }

  @Bean
  @Order(1)
  SecurityFilterChain scimChain(HttpSecurity http, ApiTokens tokens, Principals principals)
      throws Exception {
    stateless(http.securityMatcher("/scim/v2", "/scim/v2/**"), tokens, principals)
        .authorizeHttpRequests(
            requests -> requests.anyRequest().hasAnyAuthority("SCOPE_scim", "ROLE_ADMIN"));
    return http.build();
  }

  @Bean
  @Order(2)
  SecurityFilterChain apiChain(HttpSecurity http, ApiTokens tokens, Principals principals)
      throws Exception {
    stateless(http.securityMatcher("/api/**"), tokens, principals)
        .authorizeHttpRequests(
            requests -> requests.anyRequest().hasAuthority(PrincipalAuthentication.PRINCIPAL));
    return http.build();
  }

  @Bean
  @Order(3)
  SecurityFilterChain actuatorChain(HttpSecurity http, ApiTokens tokens, Principals principals)
      throws Exception {
    stateless(http.securityMatcher("/actuator/**"), tokens, principals)
        .authorizeHttpRequests(
            requests ->
                requests
                    .requestMatchers("/actuator/health", "/actuator/health/**")
                    .permitAll()
                    .anyRequest()
                    .hasAuthority("PERMISSION_" + Permission.VIEW_METRICS.name()));
    return http.build();
  }

  @Bean
  @Order(4)
  SecurityFilterChain openApiChain(HttpSecurity http, ApiTokens tokens, Principals principals)
      throws Exception {
    stateless(
            http.securityMatcher(
                "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html"),
            tokens,
            principals)
        .authorizeHttpRequests(requests -> requests.anyRequest().permitAll());
    return http.build();
  }

  @Bean
  @Order(5)
  SecurityFilterChain consoleChain(
      HttpSecurity http,
      LocalUsers users,
      Principals principals,
      ApiTokens tokens,
      Environment environment,
      Clock clock,
      AuditLog audit)
      throws Exception {
    LoginAttempts attempts = LoginAttempts.defaults(clock, audit);
    headers(http)
        .addFilterBefore(
            new LoginThrottleFilter(attempts), UsernamePasswordAuthenticationFilter.class)
        .authenticationProvider(new PasswordLogin(users, principals))
        // a token's caller is somebody too: an unknown path answers them 404, not 401
        .addFilterBefore(
            new BearerTokenFilter(tokens, principals), AnonymousAuthenticationFilter.class)
        .authorizeHttpRequests(
            requests ->
                requests
                    .requestMatchers("/login", "/console/**", "/favicon.ico", "/error")
                    .permitAll()
                    .anyRequest()
                    .authenticated())
        .formLogin(
            login ->
                login
                    .loginPage("/login")
                    .defaultSuccessUrl("/", false)
                    .failureHandler(
                        (request, response, failure) -> {
                          attempts.failed(request.getRemoteAddr());
                          response.sendRedirect("/login?error");
                        })
                    .permitAll())
        .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
        .httpBasic(AbstractHttpConfigurer::disable)
        .sessionManagement(
            session -> session.sessionFixation(fixation -> fixation.changeSessionId()))
        .exceptionHandling(
            exceptions ->
                exceptions
                    .authenticationEntryPoint(
                        (request, response, failure) -> Refusals.unauthenticated(request, response))
                    .accessDeniedHandler(
                        (request, response, failure) ->
                            Refusals.forbidden(
                                request,
                                response,
                                "the form was too old or not sent by this console (missing CSRF"
                                    + " token); reload the page and try again")));
    Optional<OidcSettings> oidc = OidcSettings.from(environment);
    if (oidc.isPresent()) {
      OidcSettings settings = oidc.get();
      ClientRegistration registration =
          ClientRegistrations.fromIssuerLocation(settings.issuer())
              .registrationId("oidc")
              .clientName("single sign-on")
              .clientId(settings.clientId())
              .clientSecret(settings.clientSecret())
              .scope("openid", "email", "profile")
              .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
              .build();
      http.oauth2Login(
          login ->
              login
                  .loginPage("/login")
                  .clientRegistrationRepository(
                      new InMemoryClientRegistrationRepository(registration))
                  .userInfoEndpoint(
                      userInfo ->
                          userInfo.oidcUserService(new OidcPersonLogin(principals, settings)))
                  .defaultSuccessUrl("/", false)
                  .failureUrl("/login?error"));
    }
    return http.build();
  }

  /** A chain without sessions or cookies, authenticated by bearer tokens only. */
  private static HttpSecurity stateless(HttpSecurity http, ApiTokens tokens, Principals principals)
      throws Exception {
    return headers(http)
        .addFilterBefore(
            new BearerTokenFilter(tokens, principals), AnonymousAuthenticationFilter.class)
        .sessionManagement(
            session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .csrf(AbstractHttpConfigurer::disable)
        .httpBasic(AbstractHttpConfigurer::disable)
        .formLogin(AbstractHttpConfigurer::disable)
        .logout(AbstractHttpConfigurer::disable)
        .requestCache(cache -> cache.disable())
        .exceptionHandling(
            exceptions ->
                exceptions
                    .authenticationEntryPoint(
                        (request, response, failure) -> Refusals.unauthenticated(request, response))
                    .accessDeniedHandler(
                        (request, response, failure) ->
                            Refusals.forbidden(
                                request,
                                response,
                                request.getRequestURI().startsWith("/scim/")
                                    ? "This token's scope does not allow this request"
                                    : "this token's scope or roles do not allow this request")));
  }

  private static HttpSecurity headers(HttpSecurity http) throws Exception {
    return http.headers(
        headers ->
            headers
                .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                .frameOptions(frame -> frame.deny())
                .referrerPolicy(
                    referrer ->
                        referrer.policy(
                            org.springframework.security.web.header.writers
                                .ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)));
  }

  /**
   * No observation of the security filter chains, their authentications and authorizations: with a
   * metrics registry present, Spring Security would otherwise wrap every filter of every request in
   * an observation (the largest share of a SCIM GET's Java time in the profile, BENCHMARKS.md) to
   * publish {@code spring_security_*} metrics that nothing here reads. Every request is still
   * authenticated and authorized by the same filters; the requests' own metric ({@code
   * http_server_requests}) is kept.
   */
  @Bean
  static SecurityObservationSettings noSecurityObservations() {
    return SecurityObservationSettings.noObservations();
  }

  /** No in-memory users: people log in as {@link LocalUsers} (this keeps Boot's default off). */
  @Bean
  UserDetailsService noUsers() {
    return new InMemoryUserDetailsManager();
  }
}
