/** Wiring of access requests, approvals, cloning and separation of duties. */
@NullMarked
package io.tenure.server.request;

import org.jspecify.annotations.NullMarked;
