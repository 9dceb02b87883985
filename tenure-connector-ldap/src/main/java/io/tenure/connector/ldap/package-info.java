/** The LDAP and Active Directory connector, over the UnboundID LDAP SDK. */
@NullMarked
package io.tenure.connector.ldap;

import org.jspecify.annotations.NullMarked;
