/** Identity store port: identities, their source links and assigned usernames. */
@NullMarked
package io.tenure.engine.identity;

import org.jspecify.annotations.NullMarked;
