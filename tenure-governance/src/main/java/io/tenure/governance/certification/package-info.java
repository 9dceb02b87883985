/**
 * Access certification: campaigns over a scope, reviewers' decisions item by item, the deadline
 * policy, revocations through the planner, and the exceptions a revoked birthright leaves.
 */
@NullMarked
package io.tenure.governance.certification;

import org.jspecify.annotations.NullMarked;
