/**
 * Ingest: reading authoritative sources into validated source records, and importing them into the
 * identity store with joiner, mover and leaver detection.
 */
@NullMarked
package io.tenure.engine.ingest;

import org.jspecify.annotations.NullMarked;
