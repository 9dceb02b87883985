/**
 * SCIM 2.0 client connector (RFC 7643/7644): provisions SCIM Users and Group memberships into any
 * SCIM service provider. Configuration keys and the attribute path convention are described in
 * {@code docs/connectors/scim.md}.
 */
@NullMarked
package io.tenure.connector.scim;

import org.jspecify.annotations.NullMarked;
