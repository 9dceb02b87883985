/** Targets and the accounts Tenure knows on them (the actual state the planner diffs against). */
@NullMarked
package io.tenure.core.account;

import org.jspecify.annotations.NullMarked;
