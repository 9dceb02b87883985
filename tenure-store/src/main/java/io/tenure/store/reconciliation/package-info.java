/** The store's JDBC implementations of the engine's reconciliation ports. */
@NullMarked
package io.tenure.store.reconciliation;

import org.jspecify.annotations.NullMarked;
