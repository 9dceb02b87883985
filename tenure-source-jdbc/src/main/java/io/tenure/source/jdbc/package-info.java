/**
 * The source type {@code jdbc}: people read from a table or view over JDBC (PostgreSQL, MariaDB),
 * whole or incrementally by a watermark column. Found by the engine through {@link
 * io.tenure.engine.ingest.SourceReaderFactory}.
 */
@NullMarked
package io.tenure.source.jdbc;

import org.jspecify.annotations.NullMarked;
