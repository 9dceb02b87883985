/** Cross-cutting store ports: transactions and id generation. */
@NullMarked
package io.tenure.engine.store;

import org.jspecify.annotations.NullMarked;
