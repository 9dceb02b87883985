/** Compliance wiring: reports, recorded exceptions, certification campaigns, personal data. */
@NullMarked
package io.tenure.server.compliance;

import org.jspecify.annotations.NullMarked;
