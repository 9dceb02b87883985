/**
 * Audit streaming: every audit event sent, as it happens, to syslog (RFC 5424 over TCP) and/or a
 * signed webhook, each sink following its own durable cursor so that nothing is lost while a
 * receiver is down and nothing is sent again after a restart.
 */
@NullMarked
package io.tenure.governance.streaming;

import org.jspecify.annotations.NullMarked;
