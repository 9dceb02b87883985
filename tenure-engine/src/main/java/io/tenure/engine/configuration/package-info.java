/**
 * The validated configuration model (sources, targets, roles, rules, lifecycle), independent of its
 * file format.
 */
@NullMarked
package io.tenure.engine.configuration;

import org.jspecify.annotations.NullMarked;
