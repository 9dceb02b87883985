package io.tenure.web.security;

import io.tenure.engine.access.Permission;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The permission a handler (method, or every method of a controller) requires. A handler of
 * Tenure's without one is refused to everybody ({@link PermissionInterceptor}): an endpoint is
 * closed until someone says who may call it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Requires {

  /** The permission. */
  Permission value();
}
