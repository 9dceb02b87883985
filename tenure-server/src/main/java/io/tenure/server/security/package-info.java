/**
 * API bearer tokens: creation, hashed storage, revocation and the request filter that checks them.
 */
@NullMarked
package io.tenure.server.security;

import org.jspecify.annotations.NullMarked;
