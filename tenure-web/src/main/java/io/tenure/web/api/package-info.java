/** The admin REST API under {@code /api/v1}: findings, the durable queue, held plans. */
@NullMarked
package io.tenure.web.api;

import org.jspecify.annotations.NullMarked;
