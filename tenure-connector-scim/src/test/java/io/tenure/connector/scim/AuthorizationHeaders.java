package io.tenure.connector.scim;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** {@code Authorization} header values, for test servers and the contract's clean-up. */
final class AuthorizationHeaders {

  private AuthorizationHeaders() {}

  static String bearer(String token) {
    return "Bearer " + token;
  }

  static String basic(String username, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
  }
}
