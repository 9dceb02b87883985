/**
 * The SCIM schemas as the server supports them: the URNs, the attributes of the core User schema
 * and the enterprise extension, and how attribute paths name them. Shared by the protocol and the
 * SCIM store; no SQL and no HTTP.
 */
@NullMarked
package io.tenure.scim.server.schema;

import org.jspecify.annotations.NullMarked;
