/** Wires the people the console and the API show over the store. */
@NullMarked
package io.tenure.server.people;

import org.jspecify.annotations.NullMarked;
