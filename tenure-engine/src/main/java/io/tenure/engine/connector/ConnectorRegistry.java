package io.tenure.engine.connector;

import io.tenure.connector.spi.Connector;
import io.tenure.connector.spi.ConnectorException;
import io.tenure.connector.spi.ConnectorFactory;
import io.tenure.connector.spi.ErrorKind;
import io.tenure.core.account.TargetId;
import io.tenure.engine.configuration.TargetDefinition;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The connectors of the configured targets. Each connector is created on first use from its target
 * definition by the {@link ConnectorFactory} of its type, then reused; a target whose connector
 * cannot be created fails every use with the same {@link ConnectorException}, while other targets
 * keep working. {@link #close()} closes every connector created. Thread-safe.
 */
public final class ConnectorRegistry implements AutoCloseable {

  private final Map<String, ConnectorFactory> factories;
  private final Map<TargetId, TargetDefinition> targets;
  private final Map<TargetId, Connector> connectors = new LinkedHashMap<>();
  private final Map<TargetId, ConnectorException> failures = new HashMap<>();
  private boolean closed;

  private ConnectorRegistry(
      Map<String, ConnectorFactory> factories, Collection<TargetDefinition> targets) {
    this.factories = Map.copyOf(factories);
    Map<TargetId, TargetDefinition> byId = new TreeMap<>();
    for (TargetDefinition target : targets) {
      if (byId.putIfAbsent(target.id(), target) != null) {
        throw new IllegalArgumentException("target '" + target.id() + "' is defined twice");
      }
    }
    this.targets = byId;
  }

  /**
   * A registry for the targets using every {@link ConnectorFactory} registered with {@link
   * ServiceLoader} on the class path.
   *
   * @throws IllegalStateException if two factories claim the same type
   */
  public static ConnectorRegistry load(Collection<TargetDefinition> targets) {
    List<ConnectorFactory> found = new ArrayList<>();
    ServiceLoader.load(ConnectorFactory.class, ConnectorRegistry.class.getClassLoader())
        .forEach(found::add);
    return of(found, targets);
  }

  /**
   * A registry for the targets using the given factories.
   *
   * @throws IllegalStateException if two factories claim the same type
   */
  public static ConnectorRegistry of(
      Collection<ConnectorFactory> factories, Collection<TargetDefinition> targets) {
    Map<String, ConnectorFactory> byType = new TreeMap<>();
    for (ConnectorFactory factory : factories) {
      ConnectorFactory previous = byType.putIfAbsent(factory.type(), factory);
      if (previous != null && previous.getClass() != factory.getClass()) {
        throw new IllegalStateException(
            "connector type '"
                + factory.type()
                + "' is provided by both "
                + previous.getClass().getName()
                + " and "
                + factory.getClass().getName());
      }
    }
    return new ConnectorRegistry(byType, targets);
  }

  /** The connector types available, sorted. */
  public Set<String> types() {
    return new TreeSet<>(factories.keySet());
  }

  /** The configured targets, sorted. */
  public Set<TargetId> targets() {
    return new TreeSet<>(targets.keySet());
  }

  /**
   * The connector of a target, created on first use.
   *
   * @throws ConnectorException of kind {@link ErrorKind#CONFIGURATION} when the target is not
   *     configured, no connector of its type is installed or one of its secrets could not be
   *     resolved (naming the variable or file and the key, never a value), or the factory's
   *     exception when the target's settings are invalid
   */
  public synchronized Connector connector(TargetId target) {
    if (closed) {
      throw new IllegalStateException("the connector registry is closed");
    }
    Connector existing = connectors.get(target);
    if (existing != null) {
      return existing;
    }
    ConnectorException failure = failures.get(target);
    if (failure != null) {
      throw failure;
    }
    try {
      Connector created = create(target);
      connectors.put(target, created);
      return created;
    } catch (ConnectorException e) {
      failures.put(target, e);
      throw e;
    } catch (RuntimeException e) {
      ConnectorException wrapped =
          new ConnectorException(
              ErrorKind.CONFIGURATION,
              "target '" + target + "': its connector could not be created: " + e.getMessage(),
              e);
      failures.put(target, wrapped);
      throw wrapped;
    }
  }

  private Connector create(TargetId target) {
    TargetDefinition definition = targets.get(target);
    if (definition == null) {
      throw new ConnectorException(
          ErrorKind.CONFIGURATION, "target '" + target + "' is not configured");
    }
    ConnectorFactory factory = factories.get(definition.type());
    if (factory == null) {
      throw new ConnectorException(
          ErrorKind.CONFIGURATION,
          "targets."
              + target
              + ".type: no connector of type '"
              + definition.type()
              + "' is installed (available: "
              + String.join(", ", types())
              + ")");
    }
    if (!definition.unresolvedSecrets().isEmpty()) {
      throw new ConnectorException(
          ErrorKind.CONFIGURATION,
          "target '"
              + target
              + "' cannot be used: "
              + String.join("; ", definition.unresolvedSecrets()));
    }
    return factory.create(definition.connector());
  }

  /** Closes every connector created; later uses fail. */
  @Override
  public synchronized void close() {
    closed = true;
    for (Connector connector : connectors.values()) {
      try {
        connector.close();
      } catch (RuntimeException e) {
        // Connector.close never throws by contract; one that does must not keep others open
      }
    }
    connectors.clear();
  }
}
