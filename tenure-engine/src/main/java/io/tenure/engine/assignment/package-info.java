/**
 * Assignments: a person holds a role because of something other than a birthright rule (an approved
 * request, a separation-of-duties exception, a hand-made grant), with the origin of that grant and
 * its validity window. Planning grants the roles of the assignments active at the time it plans
 * ({@link io.tenure.engine.assignment.ActiveAssignments}), with the origin as the root of the
 * reason chain, so a plan says {@code "... from role vpn, from request R-12"}. Ending an assignment
 * (its end date passed, a revocation) changes nothing by itself: the next plan for the person
 * removes what only the assignment granted.
 */
@NullMarked
package io.tenure.engine.assignment;

import org.jspecify.annotations.NullMarked;
