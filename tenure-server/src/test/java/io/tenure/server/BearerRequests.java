package io.tenure.server;

import java.net.URI;
import java.net.http.HttpRequest;
import org.jspecify.annotations.Nullable;

/** HTTP requests as the server's ITs send them: with an optional body and bearer token. */
public final class BearerRequests {

  private BearerRequests() {}

  /**
   * A request for {@code method} on {@code uri}; a non-null {@code body} is sent with {@code
   * contentType}, a non-null {@code token} as {@code Authorization: Bearer}.
   */
  public static HttpRequest.Builder request(
      URI uri, String method, @Nullable String body, String contentType, @Nullable String token) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", contentType);
    }
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return request;
  }
}
