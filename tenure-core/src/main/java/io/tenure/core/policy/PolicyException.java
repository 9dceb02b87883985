package io.tenure.core.policy;

import org.jspecify.annotations.Nullable;

/**
 * A policy is invalid (an unknown role, an include cycle, an expression that does not compile), or
 * evaluating it for an identity failed. The message names the role, rule, target or attribute
 * concerned; an expression failure is the cause.
 */
public final class PolicyException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** A policy problem described by {@code message}. */
  public PolicyException(String message) {
    super(message);
  }

  /** A policy problem described by {@code message}, caused by {@code cause}. */
  public PolicyException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
