/**
 * Reconciliation: reads every account of a target, correlates it to an identity, classifies it
 * against desired state (compliant, drifted, missing, unlinked, orphan, ambiguous), stores the
 * findings and, where the target's policy says so, fixes them through the planner and the queue.
 */
@NullMarked
package io.tenure.engine.reconciliation;

import org.jspecify.annotations.NullMarked;
