package io.tenure.oidcprovider;

import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerAutoConfiguration;
import org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerJwtAutoConfiguration;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/**
 * A real OIDC provider in the test JVM: Spring Authorization Server on 127.0.0.1 with one client
 * ({@code tenure}, its redirect to a Tenure on a given port) and two people who log in with a
 * password: {@link #PERSON} (whose subject is the e-mail of a person in the demo's HR data) and
 * {@link #STRANGER} (nobody in Tenure). No consent screen. Close it to stop it. (Outside {@code
 * io.tenure.server}, whose configuration classes Tenure's application scans.)
 */
public final class OidcProvider implements AutoCloseable {

  public static final String PERSON = "alice.martin@example.com";
  public static final String STRANGER = "stranger@example.com";
  public static final String PASSWORD = "provider-password";
  public static final String CLIENT_SECRET = "client-secret-for-the-oidc-test";

  private final ConfigurableApplicationContext context;

  public OidcProvider(int tenurePort) {
    String client = "spring.security.oauth2.authorizationserver.client.tenure.";
    Map<String, Object> properties = new HashMap<>();
    properties.put("server.port", "0");
    properties.put("server.address", "127.0.0.1");
    properties.put("spring.main.banner-mode", "off");
    properties.put("server.servlet.session.cookie.name", "PROVIDER_SESSION");
    properties.put(client + "registration.client-id", "tenure");
    properties.put(client + "registration.client-secret", "{noop}" + CLIENT_SECRET);
    properties.put(client + "registration.client-authentication-methods", "client_secret_basic");
    properties.put(client + "registration.authorization-grant-types", "authorization_code");
    properties.put(
        client + "registration.redirect-uris",
        "http://127.0.0.1:" + tenurePort + "/login/oauth2/code/oidc");
    properties.put(client + "registration.scopes", "openid,profile,email");
    properties.put(client + "require-authorization-consent", "false");
    context =
        new SpringApplicationBuilder(Provider.class)
            .web(WebApplicationType.SERVLET)
            .properties(properties)
            .run();
  }

  /** The issuer URL. */
  public String issuer() {
    return "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
  }

  @Override
  public void close() {
    context.close();
  }

  /** The provider's application: the web server, security and the authorization server only. */
  @Configuration(proxyBeanMethods = false)
  @ImportAutoConfiguration({
    TomcatServletWebServerAutoConfiguration.class,
    DispatcherServletAutoConfiguration.class,
    WebMvcAutoConfiguration.class,
    SecurityAutoConfiguration.class,
    ServletWebSecurityAutoConfiguration.class,
    SecurityFilterAutoConfiguration.class,
    OAuth2AuthorizationServerAutoConfiguration.class,
    OAuth2AuthorizationServerJwtAutoConfiguration.class
  })
  static class Provider {

    @Bean
    UserDetailsService people() {
      return new InMemoryUserDetailsManager(
          User.withUsername(PERSON).password("{noop}" + PASSWORD).roles("USER").build(),
          User.withUsername(STRANGER).password("{noop}" + PASSWORD).roles("USER").build());
    }
  }
}
