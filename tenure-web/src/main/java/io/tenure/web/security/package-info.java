/** Who may call the HTTP API and the SCIM server: bearer tokens checked on every request. */
@NullMarked
package io.tenure.web.security;

import org.jspecify.annotations.NullMarked;
