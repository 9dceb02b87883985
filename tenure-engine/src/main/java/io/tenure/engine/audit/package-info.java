/** The append-only audit log port: who or what changed what, when, why, with what outcome. */
@NullMarked
package io.tenure.engine.audit;

import org.jspecify.annotations.NullMarked;
