/** Scheduled work (time-driven planning) on exactly one node at a time, with db-scheduler. */
@NullMarked
package io.tenure.server.schedule;

import org.jspecify.annotations.NullMarked;
