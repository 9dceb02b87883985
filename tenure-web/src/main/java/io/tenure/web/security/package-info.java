/**
 * Who may call what: bearer tokens for the API and the SCIM server, password and OIDC logins with
 * sessions and CSRF for the console, and the permission each endpoint requires ({@link
 * io.tenure.web.security.Requires}), checked against the caller's roles.
 */
@NullMarked
package io.tenure.web.security;

import org.jspecify.annotations.NullMarked;
