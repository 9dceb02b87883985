/**
 * Lifecycle: the state a person is in on a given day, what that means for their accounts, and the
 * joiner, mover and leaver events found by comparing two versions of an identity.
 */
@NullMarked
package io.tenure.core.lifecycle;

import org.jspecify.annotations.NullMarked;
