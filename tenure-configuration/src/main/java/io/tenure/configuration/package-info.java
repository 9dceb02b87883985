/**
 * Loading tenure.yaml into the engine's configuration model, with errors that name key, line and
 * column.
 */
@NullMarked
package io.tenure.configuration;

import org.jspecify.annotations.NullMarked;
