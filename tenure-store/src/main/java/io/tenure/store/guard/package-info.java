/** The store's JDBC implementations of the engine's guard ports. */
@NullMarked
package io.tenure.store.guard;

import org.jspecify.annotations.NullMarked;
