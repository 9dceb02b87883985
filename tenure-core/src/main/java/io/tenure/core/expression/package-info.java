/**
 * Expressions over identity attributes (conditions and computed values), written in CEL and
 * compiled once; no CEL type leaves this package.
 */
@NullMarked
package io.tenure.core.expression;

import org.jspecify.annotations.NullMarked;
