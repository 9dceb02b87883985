package io.tenure.web.security;

import io.tenure.engine.access.AccessPrincipal;
import io.tenure.engine.access.LocalUser;
import io.tenure.engine.access.LocalUsers;
import io.tenure.engine.access.Permission;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Checks, before every handler of the web module runs, that the caller's roles allow the handler's
 * {@link Requires} permission; refuses with {@link Forbidden} otherwise, and refuses every handler
 * of Tenure's that declares no permission (fail closed). A local user disabled while logged in is
 * refused and their session ended.
 */
public final class PermissionInterceptor implements HandlerInterceptor {

  private final ObjectProvider<LocalUsers> users;

  /**
   * @param users the local users: a session of a user disabled since it began ends at its next
   *     request
   */
  public PermissionInterceptor(ObjectProvider<LocalUsers> users) {
    this.users = users;
  }

  /** The package whose handlers this guards (the SCIM server's are guarded by token scope). */
  private static final String TENURE = "io.tenure.web.";

  @Override
  public boolean preHandle(
      HttpServletRequest request, HttpServletResponse response, Object handler) {
    if (!(handler instanceof HandlerMethod method)
        || !method.getBeanType().getName().startsWith(TENURE)) {
      return true;
    }
    if (method.hasMethodAnnotation(Open.class)) {
      return true;
    }
    Permission required = required(method);
    if (required == null) {
      throw new Forbidden("this endpoint declares no permission, so nobody may call it");
    }
    Optional<AccessPrincipal> principal =
        HoldsAccessPrincipal.of(SecurityContextHolder.getContext().getAuthentication());
    if (principal.isPresent()
        && principal.get().kind() == AccessPrincipal.Kind.LOCAL
        && users.getObject().find(principal.get().name()).map(LocalUser::disabled).orElse(true)) {
      var session = request.getSession(false);
      if (session != null) {
        session.invalidate();
      }
      SecurityContextHolder.clearContext();
      throw new Forbidden("this user is disabled; the session has ended");
    }
    if (principal.isEmpty() || !principal.get().may(required)) {
      throw new Forbidden("your roles do not allow this (it needs " + label(required) + ")");
    }
    return true;
  }

  /** The permission a handler requires: its own {@link Requires}, else its controller's. */
  public static @Nullable Permission required(HandlerMethod method) {
    Requires own = method.getMethodAnnotation(Requires.class);
    if (own != null) {
      return own.value();
    }
    Requires type = method.getBeanType().getAnnotation(Requires.class);
    return type == null ? null : type.value();
  }

  private static String label(Permission permission) {
    return permission.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
  }

  /** A caller whose roles do not allow a request: answered 403. */
  public static final class Forbidden extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public Forbidden(String message) {
      super(message);
    }
  }
}
