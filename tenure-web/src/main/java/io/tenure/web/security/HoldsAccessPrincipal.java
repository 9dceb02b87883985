package io.tenure.web.security;

import io.tenure.engine.access.AccessPrincipal;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;

/** Something that knows the {@link AccessPrincipal} behind an authentication. */
public interface HoldsAccessPrincipal {

  /** The principal. */
  AccessPrincipal accessPrincipal();

  /** The principal of an authentication (a token, a password login, an OIDC login), if any. */
  static Optional<AccessPrincipal> of(@Nullable Authentication authentication) {
    if (authentication == null || !authentication.isAuthenticated()) {
      return Optional.empty();
    }
    if (authentication instanceof HoldsAccessPrincipal holder) {
      return Optional.of(holder.accessPrincipal());
    }
    if (authentication.getPrincipal() instanceof HoldsAccessPrincipal holder) {
      return Optional.of(holder.accessPrincipal());
    }
    return Optional.empty();
  }
}
