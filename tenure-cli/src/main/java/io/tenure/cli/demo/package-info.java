/**
 * The demo: a bundled story of joiners, movers, a leave, leavers and a rehire, told step by step.
 */
@NullMarked
package io.tenure.cli.demo;

import org.jspecify.annotations.NullMarked;
