/**
 * Reports an auditor asks for: who has access to what (now or as of a past date, reconstructed from
 * the audit trail), terminated people with access left, orphan and unlinked accounts, access by
 * exception, leaver timeliness, changes by cause; as text, CSV or JSON.
 */
@NullMarked
package io.tenure.governance.report;

import org.jspecify.annotations.NullMarked;
