/**
 * Errors as RFC 9457 problem details ({@code application/problem+json}) for API clients and as a
 * readable page for the console; never a stack trace.
 */
@NullMarked
package io.tenure.web.problem;

import org.jspecify.annotations.NullMarked;
