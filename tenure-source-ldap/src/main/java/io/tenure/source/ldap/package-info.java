/**
 * The source type {@code ldap}: people read from the entries of an existing directory, each located
 * by its DN. Found by the engine through {@link io.tenure.engine.ingest.SourceReaderFactory}.
 */
@NullMarked
package io.tenure.source.ldap;

import org.jspecify.annotations.NullMarked;
