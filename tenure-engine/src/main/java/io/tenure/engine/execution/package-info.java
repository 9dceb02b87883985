/**
 * Plans and their operations: persisted before execution, executed through connectors, outcomes
 * recorded.
 */
@NullMarked
package io.tenure.engine.execution;

import org.jspecify.annotations.NullMarked;
