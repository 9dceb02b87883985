/**
 * The REST API under {@code /api/v1}: people, roles and rules, plans (held ones approved or
 * rejected), the durable queue's operations (retried or discarded), reconciliation findings, the
 * audit trail, users and tokens. Answers are JSON objects described by the OpenAPI document at
 * {@code /v3/api-docs}; errors are RFC 9457 problems. Every change is audited with the caller as
 * the actor ({@code api:<token name>}).
 */
@NullMarked
package io.tenure.web.api;

import org.jspecify.annotations.NullMarked;
