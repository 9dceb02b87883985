/** The mass-change brake's holds over PostgreSQL, and the guarded execution wired for the app. */
@NullMarked
package io.tenure.server.guard;

import org.jspecify.annotations.NullMarked;
