package io.tenure.scim.server;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.util.ClassUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The application's {@code @RequestMapping} handler mapping, which looks the handler of a SCIM
 * request ({@code /scim/v2} and below) up among the SCIM endpoints only.
 *
 * <p>Spring finds the handler of a path with a variable ({@code /scim/v2/Users/{id}}) by matching
 * the request against every mapping of the application (the REST API's, the console's, the
 * actuator's, ...): a tenth of a SCIM GET's CPU time in the profile (BENCHMARKS.md). Here the
 * mappings of this package's controllers ({@link ScimController} and the catch-all {@link
 * UnknownScimRequests}) are held by a mapping of their own, consulted for SCIM paths, and the
 * others by this one, for the rest. No other controller maps a path under {@code /scim/v2}, and
 * {@link UnknownScimRequests} takes every path and method there that no endpoint takes, so a
 * request is given the handler it was given when all were matched together. Interceptors, CORS and
 * the handler's execution are this mapping's, as before: only the lookup is split.
 */
final class ScimHandlerMapping extends RequestMappingHandlerMapping {

  private static final String PREFIX = "/scim/v2";

  /** True for the mapping of the SCIM endpoints, false for the application's. */
  private final boolean scim;

  /** The SCIM endpoints' mapping (in the application's mapping only; set once initialised). */
  private @Nullable ScimHandlerMapping endpoints;

  ScimHandlerMapping() {
    this(false);
  }

  private ScimHandlerMapping(boolean scim) {
    this.scim = scim;
  }

  @Override
  protected boolean isHandler(Class<?> beanType) {
    return super.isHandler(beanType) && isScimEndpoint(beanType) == scim;
  }

  /** Whether the controller is one of the SCIM endpoints (this package's). */
  static boolean isScimEndpoint(Class<?> beanType) {
    return ClassUtils.getUserClass(beanType)
        .getPackageName()
        .equals(ScimHandlerMapping.class.getPackageName());
  }

  /** Whether the lookup path is {@code /scim/v2} or below it. */
  static boolean isScimPath(String lookupPath) {
    return lookupPath.startsWith(PREFIX)
        && (lookupPath.length() == PREFIX.length() || lookupPath.charAt(PREFIX.length()) == '/');
  }

  @Override
  public void afterPropertiesSet() {
    super.afterPropertiesSet();
    if (!scim) {
      ScimHandlerMapping own = new ScimHandlerMapping(true);
      own.setApplicationContext(getApplicationContext());
      own.setPatternParser(getPatternParser());
      own.setUrlPathHelper(getUrlPathHelper());
      own.setContentNegotiationManager(getContentNegotiationManager());
      own.setPathPrefixes(getPathPrefixes());
      own.setOrder(getOrder());
      own.afterPropertiesSet();
      endpoints = own;
    }
  }

  @Override
  protected @Nullable HandlerMethod getHandlerInternal(HttpServletRequest request)
      throws Exception {
    ScimHandlerMapping own = endpoints;
    if (own != null && isScimPath(initLookupPath(request))) {
      return own.getHandlerInternal(request);
    }
    return super.getHandlerInternal(request);
  }

  /** The mapping of the SCIM endpoints (null in that mapping itself, and before initialisation). */
  @Nullable ScimHandlerMapping endpoints() {
    return endpoints;
  }
}
