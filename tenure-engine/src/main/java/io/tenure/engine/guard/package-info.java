/**
 * The mass-change brake: plans that would deprovision too much of a target are stored with their
 * deprovisioning held until an operator resumes or rejects them.
 */
@NullMarked
package io.tenure.engine.guard;

import org.jspecify.annotations.NullMarked;
