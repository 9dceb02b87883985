/**
 * The connector service provider interface: how Tenure talks to a connected system.
 *
 * <p>A connector module ships a {@link io.tenure.connector.spi.ConnectorFactory} registered for
 * {@link java.util.ServiceLoader}. The {@link io.tenure.connector.spi.Connector} it creates
 * implements the small capability interfaces its system supports ({@link
 * io.tenure.connector.spi.CreateCapability}, {@link io.tenure.connector.spi.UpdateCapability},
 * ...); the engine asks with {@code instanceof}. Every failure is a {@link
 * io.tenure.connector.spi.ConnectorException} classified as retryable or permanent.
 */
@NullMarked
package io.tenure.connector.spi;

import org.jspecify.annotations.NullMarked;
