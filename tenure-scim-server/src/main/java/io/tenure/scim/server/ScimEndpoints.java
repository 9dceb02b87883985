package io.tenure.scim.server;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.server.PathContainer;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The SCIM endpoints the server has and the HTTP methods each takes, read from the request mappings
 * of {@link ScimController} (so that they cannot disagree): which methods a path allows, if it is
 * an endpoint at all. Immutable and thread-safe.
 */
final class ScimEndpoints {

  /** One mapped path pattern and the methods mapped to it. */
  private record Endpoint(PathPattern pattern, Set<RequestMethod> methods) {}

  private final List<Endpoint> endpoints;

  private ScimEndpoints(List<Endpoint> endpoints) {
    this.endpoints = List.copyOf(endpoints);
  }

  /** The endpoints a controller maps (its class-level path prefixing each method's). */
  static ScimEndpoints of(Class<?> controller) {
    RequestMapping root =
        AnnotatedElementUtils.findMergedAnnotation(controller, RequestMapping.class);
    String prefix = root == null || root.path().length == 0 ? "" : root.path()[0];
    List<Endpoint> endpoints = new ArrayList<>();
    for (Method method : controller.getDeclaredMethods()) {
      RequestMapping mapping =
          AnnotatedElementUtils.findMergedAnnotation(method, RequestMapping.class);
      if (mapping == null) {
        continue;
      }
      Set<RequestMethod> methods = EnumSet.noneOf(RequestMethod.class);
      methods.addAll(List.of(mapping.method()));
      for (String path : mapping.path()) {
        endpoints.add(
            new Endpoint(PathPatternParser.defaultInstance.parse(prefix + path), methods));
      }
    }
    return new ScimEndpoints(endpoints);
  }

  /**
   * The methods the path allows, as an {@code Allow} header lists them (a GET endpoint allows HEAD
   * too, every endpoint OPTIONS); empty if the path is no endpoint.
   *
   * @param path the request's path within the application, such as {@code /scim/v2/Users/42}
   */
  Set<String> allowed(String path) {
    PathContainer container = PathContainer.parsePath(path);
    Set<String> allowed = new TreeSet<>();
    for (Endpoint endpoint : endpoints) {
      if (endpoint.pattern().matches(container)) {
        endpoint.methods().forEach(method -> allowed.add(method.name()));
      }
    }
    if (allowed.contains("GET")) {
      allowed.add("HEAD");
    }
    if (!allowed.isEmpty()) {
      allowed.add("OPTIONS");
    }
    return allowed;
  }
}
