package io.tenure.connector.testkit;

import io.tenure.connector.spi.Connector;
import io.tenure.connector.spi.ConnectorConfiguration;
import io.tenure.connector.spi.ConnectorException;
import io.tenure.connector.spi.ConnectorFactory;
import io.tenure.connector.spi.ErrorKind;
import java.time.Duration;
import java.util.Locale;

/**
 * Creates {@link FakeConnector}s (type {@code fake}) to the {@link FakeTarget} registered under the
 * target's name. Settings, all optional:
 *
 * <ul>
 *   <li>{@code instance}: the {@link FakeTarget#named registry name} to use; default the target
 *       name of the configuration.
 *   <li>{@code page.size}: accounts per page of {@code accounts()}; default 50.
 *   <li>{@code latency.millis}: delay before every call; default 0.
 *   <li>{@code entitlements.create}: {@code true} (default) creates unknown entitlements on grant,
 *       {@code false} fails such grants with NOT_FOUND.
 *   <li>{@code fail.count}, {@code fail.kind} (an {@link ErrorKind} name), {@code fail.operation}
 *       (a {@link FakeOperation} name, default any): the next {@code fail.count} matching calls
 *       fail with that kind.
 * </ul>
 *
 * Settings that change the target (latency, entitlements, faults) apply to the shared target each
 * time a connector is created.
 */
public final class FakeConnectorFactory implements ConnectorFactory {

  /** The connector type name. */
  public static final String TYPE = "fake";

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public Connector create(ConnectorConfiguration configuration) {
    FakeTarget target = FakeTarget.named(configuration.get("instance", configuration.targetName()));
    int pageSize = positive(configuration, "page.size", 50);
    int latency = configuration.integer("latency.millis", 0);
    if (latency < 0) {
      throw invalid(configuration, "latency.millis", "must not be negative");
    }
    target.setLatency(Duration.ofMillis(latency));
    String create = configuration.get("entitlements.create", "true").trim();
    if (!create.equals("true") && !create.equals("false")) {
      throw invalid(configuration, "entitlements.create", "must be true or false");
    }
    target.setCreateEntitlements(Boolean.parseBoolean(create));
    int failures = configuration.integer("fail.count", 0);
    if (failures > 0) {
      ErrorKind kind = enumValue(configuration, "fail.kind", ErrorKind.class, "OTHER");
      if (configuration.optional("fail.operation").isPresent()) {
        FakeOperation operation =
            enumValue(configuration, "fail.operation", FakeOperation.class, "TEST");
        target.failNext(failures, kind, operation);
      } else {
        target.failNext(failures, kind);
      }
    }
    return new FakeConnector(target, pageSize);
  }

  private static int positive(ConnectorConfiguration configuration, String key, int fallback) {
    int value = configuration.integer(key, fallback);
    if (value < 1) {
      throw invalid(configuration, key, "must be a positive integer");
    }
    return value;
  }

  private static <E extends Enum<E>> E enumValue(
      ConnectorConfiguration configuration, String key, Class<E> type, String fallback) {
    String value = configuration.get(key, fallback).trim().toUpperCase(Locale.ROOT);
    try {
      return Enum.valueOf(type, value);
    } catch (IllegalArgumentException e) {
      throw invalid(
          configuration, key, "must be one of " + java.util.List.of(type.getEnumConstants()));
    }
  }

  private static ConnectorException invalid(
      ConnectorConfiguration configuration, String key, String problem) {
    return new ConnectorException(
        ErrorKind.CONFIGURATION,
        "target '" + configuration.targetName() + "': setting '" + key + "' " + problem);
  }
}
