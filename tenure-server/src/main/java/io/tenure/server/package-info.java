/** The composition root: start-up, the Tenure home, and the Spring application. */
@NullMarked
package io.tenure.server;

import org.jspecify.annotations.NullMarked;
