/**
 * Reconciliation in the server: findings and the batch reads reconciliation needs over PostgreSQL,
 * and the wiring of the engine's reconciler.
 */
@NullMarked
package io.tenure.server.reconciliation;

import org.jspecify.annotations.NullMarked;
