package io.tenure.server.console;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** A browser-like HTTP session with the console: a cookie jar, a login, CSRF tokens from pages. */
final class ConsoleSession {

  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

  private final String root;
  private final HttpClient http;

  ConsoleSession(String root) {
    this.root = root;
    this.http =
        HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /** Logs in with a password; returns the status of the login's answer (302 either way). */
  HttpResponse<String> logIn(String username, String password) throws Exception {
    String token = csrf("/login");
    return post("/login", Map.of("username", username, "password", password, "_csrf", token));
  }

  /** The CSRF token of the form on a page. */
  String csrf(String page) throws Exception {
    HttpResponse<String> response = get(page);
    Matcher matcher = CSRF.matcher(response.body());
    if (!matcher.find()) {
      throw new IllegalStateException("no CSRF token on " + page + ": " + response.statusCode());
    }
    return matcher.group(1);
  }

  HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(root + path)).header("Accept", "text/html").build(),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> post(String path, Map<String, String> form) throws Exception {
    String body =
        form.entrySet().stream()
            .map(
                entry ->
                    URLEncoder.encode(entry.getKey(), StandardCharsets.UTF_8)
                        + "="
                        + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    return http.send(
        HttpRequest.newBuilder(URI.create(root + path))
            .header("Accept", "text/html")
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Sends a request with any method (the console's forms use GET and POST). */
  HttpResponse<String> send(String method, String path, String csrf) throws Exception {
    if (method.equals("GET")) {
      return get(path);
    }
    return post(path, Map.of("_csrf", csrf, "reason", "matrix"));
  }
}
