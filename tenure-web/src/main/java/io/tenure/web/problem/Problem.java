package io.tenure.web.problem;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.json.JsonMapper;

/**
 * One RFC 9457 problem: {@code type} (always {@code about:blank}: the status says it all), {@code
 * title} (the status's reason phrase), {@code status}, {@code detail} (what a person needs to fix
 * it), {@code instance} (the request path). The extension member {@code error} repeats the detail
 * for clients of the first version of the API, which answered {@code {"error": "..."}}.
 *
 * @param status the HTTP status
 * @param detail the explanation
 * @param instance the request path
 */
public record Problem(int status, String detail, String instance) {

  /** The media type of a problem. */
  public static final String MEDIA_TYPE = "application/problem+json";

  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  /** The problem for a status and detail about the request. */
  public static Problem of(HttpStatus status, String detail, HttpServletRequest request) {
    return new Problem(status.value(), detail, request.getRequestURI());
  }

  /** The status's reason phrase ({@code Not Found}). */
  public String title() {
    HttpStatus known = HttpStatus.resolve(status);
    return known == null ? "Error" : known.getReasonPhrase();
  }

  /** The members, in the order they are written. */
  public Map<String, Object> members() {
    Map<String, Object> members = new LinkedHashMap<>();
    members.put("type", "about:blank");
    members.put("title", title());
    members.put("status", status);
    members.put("detail", detail);
    members.put("instance", instance);
    members.put("error", detail);
    return members;
  }

  /** Writes it as the response (status, content type, body). */
  public void write(HttpServletResponse response) throws IOException {
    response.setStatus(status);
    response.setContentType(MEDIA_TYPE);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.getOutputStream().write(MAPPER.writeValueAsBytes(members()));
  }
}
