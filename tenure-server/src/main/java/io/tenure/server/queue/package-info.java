/** The durable queue's workers, their settings, operator actions and metrics in the server. */
@NullMarked
package io.tenure.server.queue;

import org.jspecify.annotations.NullMarked;
