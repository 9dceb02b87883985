package io.tenure.connector.scim;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;

/** Adds the {@code Authorization} header to every request. Never logs it. */
final class AuthenticationFilter implements ClientRequestFilter {

  private final String header;

  AuthenticationFilter(String header) {
    this.header = header;
  }

  @Override
  public void filter(ClientRequestContext request) {
    request.getHeaders().putSingle("Authorization", header);
  }

  @Override
  public String toString() {
    return "AuthenticationFilter[******]";
  }
}
