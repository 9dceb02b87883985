/** Identities: the people Tenure manages, their attributes, employment and lifecycle state. */
@NullMarked
package io.tenure.core.identity;

import org.jspecify.annotations.NullMarked;
