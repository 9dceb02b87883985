/** Desired state: what policy says each identity should have on each target. */
@NullMarked
package io.tenure.core.desired;

import org.jspecify.annotations.NullMarked;
