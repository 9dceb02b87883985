/** Source records: what an authoritative feed says about a person, and problems with its rows. */
@NullMarked
package io.tenure.core.source;

import org.jspecify.annotations.NullMarked;
