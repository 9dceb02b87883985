package io.tenure.web.security;

import io.tenure.web.problem.Problem;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.util.HtmlUtils;

/**
 * How the security layer refuses a request: under {@code /scim/v2} as a SCIM error, a browser
 * asking for a console page by a redirect to the login page (401) or a short page (403), anybody
 * else as a {@link Problem}.
 */
final class Refusals {

  private Refusals() {}

  /** No (valid) credentials. */
  static void unauthenticated(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String uri = request.getRequestURI();
    if (!uri.startsWith("/api/")
        && !uri.startsWith("/scim/")
        && !uri.startsWith("/actuator/")
        && acceptsHtml(request)) {
      response.sendRedirect("/login");
      return;
    }
    response.setHeader("WWW-Authenticate", "Bearer realm=\"tenure\"");
    refuse(
        request,
        response,
        HttpStatus.UNAUTHORIZED,
        uri.startsWith("/scim/")
            ? "A valid bearer token is required"
            : "log in, or send a valid bearer token (tenure token create)");
  }

  /** Credentials that do not allow the request (a token's scope, a missing CSRF token). */
  static void forbidden(HttpServletRequest request, HttpServletResponse response, String detail)
      throws IOException {
    refuse(request, response, HttpStatus.FORBIDDEN, detail);
  }

  private static void refuse(
      HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail)
      throws IOException {
    String uri = request.getRequestURI();
    if (uri.startsWith("/scim/")) {
      response.setStatus(status.value());
      response.setContentType("application/scim+json");
      response
          .getOutputStream()
          .write(
              ("{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:Error\"],\"status\":\""
                      + status.value()
                      + "\",\"detail\":\""
                      + detail
                      + "\"}")
                  .getBytes(StandardCharsets.UTF_8));
      return;
    }
    if (!uri.startsWith("/api/") && acceptsHtml(request)) {
      response.setStatus(status.value());
      response.setContentType("text/html;charset=UTF-8");
      response
          .getOutputStream()
          .write(
              ("<!DOCTYPE html><html lang=\"en\"><head><title>"
                      + status.getReasonPhrase()
                      + " – Tenure</title><link rel=\"stylesheet\" href=\"/console/console.css\">"
                      + "</head><body><main><h1>"
                      + status.value()
                      + " "
                      + status.getReasonPhrase()
                      + "</h1><p>"
                      + HtmlUtils.htmlEscape(detail)
                      + "</p><p><a href=\"/\">Back to the dashboard</a></p></main></body></html>")
                  .getBytes(StandardCharsets.UTF_8));
      return;
    }
    Problem.of(status, detail, request).write(response);
  }

  private static boolean acceptsHtml(HttpServletRequest request) {
    String accept = request.getHeader("Accept");
    return accept != null && accept.contains(MediaType.TEXT_HTML_VALUE);
  }
}
