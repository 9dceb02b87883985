/** Connectors for configured targets, found through {@link java.util.ServiceLoader}. */
@NullMarked
package io.tenure.engine.connector;

import org.jspecify.annotations.NullMarked;
