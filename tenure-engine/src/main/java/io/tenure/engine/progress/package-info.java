/** How long work tells how far it got: the progress board the CLI draws on stderr. */
@NullMarked
package io.tenure.engine.progress;

import org.jspecify.annotations.NullMarked;
