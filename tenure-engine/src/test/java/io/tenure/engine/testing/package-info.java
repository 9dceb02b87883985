/** Test fixtures: in-memory implementations of the engine's ports, a movable clock, sources. */
@NullMarked
package io.tenure.engine.testing;

import org.jspecify.annotations.NullMarked;
