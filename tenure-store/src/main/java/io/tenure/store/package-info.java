/**
 * The identity store on PostgreSQL (embedded or external): JDBC implementations of the engine's
 * ports.
 */
@NullMarked
package io.tenure.store;

import org.jspecify.annotations.NullMarked;
