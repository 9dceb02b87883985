package io.tenure.web.security;

import io.tenure.engine.access.AccessPrincipal;
import org.springframework.security.core.context.SecurityContextHolder;

/** The principal of the request being handled. */
public final class Callers {

  private Callers() {}

  /**
   * The caller of the current request (handlers run only for callers {@link PermissionInterceptor}
   * let through, so there is one).
   *
   * @throws PermissionInterceptor.Forbidden if the request has no principal
   */
  public static AccessPrincipal current() {
    return HoldsAccessPrincipal.of(SecurityContextHolder.getContext().getAuthentication())
        .orElseThrow(() -> new PermissionInterceptor.Forbidden("nobody is logged in"));
  }
}
