/**
 * The SCIM 2.0 server ({@code /scim/v2}): Users over the identity store, pushed users handled as an
 * authoritative source (correlation, lifecycle, planning and execution at once), read-only Groups
 * from the configured roles, and the discovery endpoints.
 */
@NullMarked
package io.tenure.scim.server;

import org.jspecify.annotations.NullMarked;
