/** Wires the engine's API tokens over the store. */
@NullMarked
package io.tenure.server.security;

import org.jspecify.annotations.NullMarked;
