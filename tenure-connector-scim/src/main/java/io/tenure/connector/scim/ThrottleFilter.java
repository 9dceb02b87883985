package io.tenure.connector.scim;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientResponseContext;
import jakarta.ws.rs.client.ClientResponseFilter;
import java.io.IOException;
import java.io.InputStream;

/**
 * Turns HTTP 429 and 503 answers into {@link ThrottledResponse}s carrying {@code Retry-After},
 * after draining their body so that the connection can be reused.
 */
final class ThrottleFilter implements ClientResponseFilter {

  private static final int MAXIMUM_DRAINED_BYTES = 64 * 1024;

  @Override
  public void filter(ClientRequestContext request, ClientResponseContext response)
      throws IOException {
    int status = response.getStatus();
    if (!ScimErrors.isThrottling(status)) {
      return;
    }
    String retryAfter = response.getHeaderString("Retry-After");
    if (response.hasEntity()) {
      try (InputStream body = response.getEntityStream()) {
        body.readNBytes(MAXIMUM_DRAINED_BYTES);
      } catch (IOException ignored) {
        // the connection is discarded instead
      }
    }
    throw new ThrottledResponse(status, retryAfter);
  }
}
