package io.tenure.web.security;

import java.util.Optional;
import org.springframework.core.env.Environment;

/**
 * The OIDC provider people may log in with, from the environment: {@code TENURE_OIDC_ISSUER} (the
 * issuer URL; no OIDC login when absent), {@code TENURE_OIDC_CLIENT} and {@code TENURE_OIDC_SECRET}
 * (the client registered at the provider), {@code TENURE_OIDC_CLAIM} (the claim that names the
 * person, default {@code email}) and {@code TENURE_OIDC_ATTRIBUTE} (the identity attribute it must
 * equal, default {@code email}; {@code employeeId} for an employee-id claim). The same keys may be
 * given as system properties {@code tenure.oidc.issuer}, ...
 *
 * @param issuer the issuer URL
 * @param clientId the client id
 * @param clientSecret the client secret (never logged)
 * @param claim the claim naming the person
 * @param attribute the identity attribute the claim must equal
 */
record OidcSettings(
    String issuer, String clientId, String clientSecret, String claim, String attribute) {

  /** The settings, when an issuer is configured. */
  static Optional<OidcSettings> from(Environment environment) {
    String issuer = environment.getProperty("tenure.oidc.issuer", "");
    if (issuer.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(
        new OidcSettings(
            issuer.strip(),
            environment.getProperty("tenure.oidc.client", "tenure"),
            environment.getProperty("tenure.oidc.secret", ""),
            environment.getProperty("tenure.oidc.claim", "email"),
            environment.getProperty("tenure.oidc.attribute", "email")));
  }

  @Override
  public String toString() {
    return "OidcSettings[issuer=" + issuer + ", clientId=" + clientId + ", claim=" + claim + "]";
  }
}
