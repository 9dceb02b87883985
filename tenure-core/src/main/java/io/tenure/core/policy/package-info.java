/**
 * Policy: roles and their includes, birthright rules, per-target account policies (attributes and
 * usernames), and the pure evaluator that turns identity attributes into roles and entitlements
 * with reasons.
 */
@NullMarked
package io.tenure.core.policy;

import org.jspecify.annotations.NullMarked;
