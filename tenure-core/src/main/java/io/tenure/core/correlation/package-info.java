/**
 * Correlation: finding the identity a source record or an account belongs to, by a key and ordered
 * fallback keys, never linking when the answer is not unique.
 */
@NullMarked
package io.tenure.core.correlation;

import org.jspecify.annotations.NullMarked;
