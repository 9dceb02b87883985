/** Wires the store's JDBC implementations of the engine's ports into the application. */
@NullMarked
package io.tenure.server.store;

import org.jspecify.annotations.NullMarked;
