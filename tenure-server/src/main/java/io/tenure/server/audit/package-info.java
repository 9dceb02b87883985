/**
 * Audit streaming of {@code tenure serve}: syslog and webhook sinks, delivered in the background.
 */
@NullMarked
package io.tenure.server.audit;

import org.jspecify.annotations.NullMarked;
