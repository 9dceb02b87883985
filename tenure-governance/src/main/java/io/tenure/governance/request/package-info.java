/**
 * Access requests: a person asks for a requestable role for themselves, someone in their reporting
 * line, or (as an operator) anyone; the role's approval chain decides; an approved request becomes
 * an {@link io.tenure.engine.assignment.Assignment} whose origin is the request, which planning
 * provisions. Separation-of-duties rules refuse conflicting requests or route them to an exception
 * approval; unanswered steps escalate, then expire; time-bound access ends on its date; transfers
 * send requested access to review. Framework-free: the store, the provisioning path and the
 * notifications are ports.
 */
@NullMarked
package io.tenure.governance.request;

import org.jspecify.annotations.NullMarked;
