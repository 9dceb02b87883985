/**
 * The web console: server-rendered pages (Thymeleaf, no script, no external resource) for the
 * helpdesk operator (people, their access and why, plans, operations), the approver (held plans)
 * and the auditor (findings, the audit trail). Every page requires a permission like the API's;
 * every form carries a CSRF token.
 */
@NullMarked
package io.tenure.web.console;

import org.jspecify.annotations.NullMarked;
