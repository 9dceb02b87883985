/**
 * Contract tests that every connector runs, and an in-memory fake target with fault modes.
 *
 * <p>A connector's test class extends {@link io.tenure.connector.testkit.ConnectorContractTest}.
 * Engine tests use {@link io.tenure.connector.testkit.FakeTarget} (type {@code fake}) to inject
 * failures and latency and to count calls.
 */
@NullMarked
package io.tenure.connector.testkit;

import org.jspecify.annotations.NullMarked;
