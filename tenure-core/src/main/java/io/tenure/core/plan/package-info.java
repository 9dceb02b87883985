/** Plans: ordered operations with reasons, and the pure planner that computes them. */
@NullMarked
package io.tenure.core.plan;

import org.jspecify.annotations.NullMarked;
