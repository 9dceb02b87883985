/** The command line interface (picocli): plan, apply, audit, serve. */
@NullMarked
package io.tenure.cli;

import org.jspecify.annotations.NullMarked;
