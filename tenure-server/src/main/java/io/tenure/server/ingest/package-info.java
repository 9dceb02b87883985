/**
 * The sources: their readers (every installed source type), what imports remember between runs, and
 * the scheduled imports of {@code tenure serve}, each on exactly one node (db-scheduler).
 */
@NullMarked
package io.tenure.server.ingest;

import org.jspecify.annotations.NullMarked;
