package io.tenure.scim.server;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import java.util.Set;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Every request under {@code /scim/v2} that no SCIM endpoint takes, answered here as a SCIM error
 * (RFC 7644 section 3.12) rather than left to the servlet container's error page:
 *
 * <ul>
 *   <li>an endpoint that exists, with a method it does not take: 405 with {@code Allow} listing the
 *       methods it takes (RFC 9110 section 15.5.6: the resource exists, so 404 would be wrong);
 *       {@code OPTIONS} on it: 200 with {@code Allow};
 *   <li>{@code /Me}, which Tenure does not serve (its callers are tokens, not people): 501, as RFC
 *       7644 section 3.11 asks;
 *   <li>anything else: 404 (RFC 7644 section 3.12: the endpoint does not exist).
 * </ul>
 *
 * <p>Spring matches this catch-all last: every mapped endpoint and method is more specific. The
 * request was authenticated before it came here, so an authenticated caller learns that the
 * endpoint does not exist, and an unauthenticated one still gets 401.
 */
@RestController
@ConditionalOnWebApplication
class UnknownScimRequests {

  private static final String PREFIX = "/scim/v2";

  private final ScimEndpoints endpoints = ScimEndpoints.of(ScimController.class);

  @RequestMapping({PREFIX, PREFIX + "/", PREFIX + "/**"})
  ResponseEntity<byte[]> unknown(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    String method = request.getMethod().toUpperCase(Locale.ROOT);
    Set<String> allowed = endpoints.allowed(path);
    if (!allowed.isEmpty()) {
      HttpHeaders headers = new HttpHeaders();
      headers.set(HttpHeaders.ALLOW, String.join(", ", allowed));
      if (method.equals("OPTIONS")) {
        return ResponseEntity.ok().headers(headers).build();
      }
      return ScimResponses.error(
          405,
          null,
          method + " is not supported on " + path + "; it takes " + String.join(", ", allowed),
          headers);
    }
    String within = path.substring(Math.min(path.length(), PREFIX.length()));
    if (within.equalsIgnoreCase("/Me") || within.regionMatches(true, 0, "/Me/", 0, 4)) {
      return ScimResponses.error(
          501, null, "/Me is not supported: Tenure's SCIM callers are tokens, not people");
    }
    return ScimResponses.error(404, null, "no SCIM endpoint " + path);
  }
}
