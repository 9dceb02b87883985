/**
 * Personal data: everything Tenure holds about one person, exported as JSON, and the
 * pseudonymisation of their audit trail after the retention delete (the chain still verifies).
 */
@NullMarked
package io.tenure.governance.privacy;

import org.jspecify.annotations.NullMarked;
