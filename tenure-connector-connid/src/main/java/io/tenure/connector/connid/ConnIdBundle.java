package io.tenure.connector.connid;

import io.tenure.connector.spi.ConnectorException;
import io.tenure.connector.spi.ErrorKind;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.identityconnectors.common.logging.Log;
import org.identityconnectors.framework.api.APIConfiguration;
import org.identityconnectors.framework.api.ConnectorFacade;
import org.identityconnectors.framework.api.ConnectorFacadeFactory;
import org.identityconnectors.framework.api.ConnectorInfo;
import org.identityconnectors.framework.api.ConnectorInfoManagerFactory;
import org.identityconnectors.framework.api.ConnectorKey;
import org.identityconnectors.framework.api.operations.APIOperation;
import org.identityconnectors.framework.api.operations.SearchApiOp;
import org.identityconnectors.framework.api.operations.SyncApiOp;
import org.jspecify.annotations.Nullable;

/**
 * One configured ConnId connector of a bundle: the bundle jars are loaded by ConnId's local
 * connector manager (each bundle in its own class loader, cached per set of jars), the connector is
 * picked by {@code bundle.name}, {@code bundle.version} and {@code bundle.connector}, its
 * configuration properties are set from {@code configuration.*} and validated, and a {@link
 * ConnectorFacade} is made. Nothing connects to the target here. Thread-safe (the facade is).
 */
final class ConnIdBundle implements AutoCloseable {

  static {
    // ConnId logs to standard output unless told otherwise; route it to java.util.logging
    if (System.getProperty(Log.LOGSPI_PROP) == null) {
      System.setProperty(Log.LOGSPI_PROP, "org.identityconnectors.common.logging.impl.JDKLogger");
    }
  }

  private static final AtomicLong INSTANCES = new AtomicLong();

  private final ConnectorFacade facade;
  private final ConnectorKey key;
  private final ConnIdErrors errors;

  private ConnIdBundle(ConnectorFacade facade, ConnectorKey key, ConnIdErrors errors) {
    this.facade = facade;
    this.key = key;
    this.errors = errors;
  }

  /**
   * Loads, picks, configures and validates the connector.
   *
   * @throws ConnectorException CONFIGURATION naming the setting when the jars are no bundles, the
   *     choice of connector is not one, or its configuration is invalid
   */
  static ConnIdBundle open(ConnIdSettings settings) {
    ConnectorInfo info = pick(settings, load(settings));
    APIConfiguration configuration = info.createDefaultAPIConfiguration();
    BundleProperties properties =
        new BundleProperties(
            settings.targetName(), settings.bundleProperties(), settings.secretKeys());
    properties.applyTo(configuration.getConfigurationProperties());
    ConnIdErrors errors =
        new ConnIdErrors(
            settings.targetName(),
            properties.secretValues(configuration.getConfigurationProperties()));
    if (settings.timeoutSeconds() > 0) {
      for (Class<? extends APIOperation> operation : configuration.getSupportedOperations()) {
        if (operation != SearchApiOp.class && operation != SyncApiOp.class) {
          configuration.setTimeout(operation, settings.timeoutSeconds() * 1000);
        }
      }
    }
    // ConnId keys its connector pools by instance name: one pool per connector, so that closing
    // one connector never disposes the pool of another open for the same target
    configuration.setInstanceName(settings.targetName() + "#" + INSTANCES.incrementAndGet());
    configuration
        .getResultsHandlerConfiguration()
        .setEnableFilteredResultsHandler(settings.frameworkFilter());
    ConnectorFacade facade;
    try {
      facade = ConnectorFacadeFactory.getInstance().newInstance(configuration);
      facade.validate();
    } catch (RuntimeException e) {
      ConnectorException translated = errors.translate("validating the bundle configuration", e);
      throw new ConnectorException(ErrorKind.CONFIGURATION, translated.getMessage());
    }
    return new ConnIdBundle(facade, info.getConnectorKey(), errors);
  }

  private static List<ConnectorInfo> load(ConnIdSettings settings) {
    List<URL> urls = new ArrayList<>();
    for (Path jar : settings.bundleJars()) {
      try {
        urls.add(jar.toUri().toURL());
      } catch (MalformedURLException e) {
        throw ConnIdSettings.invalid(settings.targetName(), "bundle.path", "names a bad path");
      }
    }
    try {
      return ConnectorInfoManagerFactory.getInstance()
          .getLocalManager(urls.toArray(URL[]::new))
          .getConnectorInfos();
    } catch (RuntimeException e) {
      throw ConnIdSettings.invalid(
          settings.targetName(),
          "bundle.path",
          "could not be loaded as ConnId bundles: "
              + e.getClass().getSimpleName()
              + ": "
              + e.getMessage());
    }
  }

  private static ConnectorInfo pick(ConnIdSettings settings, List<ConnectorInfo> infos) {
    List<ConnectorInfo> matching = new ArrayList<>();
    Set<String> available = new TreeSet<>();
    for (ConnectorInfo info : infos) {
      ConnectorKey key = info.getConnectorKey();
      available.add(describe(key));
      if (matches(settings.bundleName(), key.getBundleName())
          && matches(settings.bundleVersion(), key.getBundleVersion())
          && matchesClass(settings.connectorClass(), key.getConnectorName())) {
        matching.add(info);
      }
    }
    if (matching.size() == 1) {
      return matching.get(0);
    }
    String key =
        settings.connectorClass() != null
            ? "bundle.connector"
            : settings.bundleVersion() != null
                ? "bundle.version"
                : settings.bundleName() != null ? "bundle.name" : "bundle.path";
    if (matching.isEmpty()) {
      throw ConnIdSettings.invalid(
          settings.targetName(), key, "matches none of the bundles' connectors " + available);
    }
    throw ConnIdSettings.invalid(
        settings.targetName(),
        "bundle.connector",
        "is needed to choose one of the connectors " + available);
  }

  private static boolean matches(@Nullable String wanted, String actual) {
    return wanted == null || wanted.equals(actual);
  }

  private static boolean matchesClass(@Nullable String wanted, String actual) {
    return wanted == null
        || wanted.equals(actual)
        || actual.substring(actual.lastIndexOf('.') + 1).equals(wanted);
  }

  private static String describe(ConnectorKey key) {
    return key.getBundleName() + " " + key.getBundleVersion() + " " + key.getConnectorName();
  }

  /** The configured connector; ConnId exceptions it throws go through {@link #errors()}. */
  ConnectorFacade facade() {
    return facade;
  }

  /**
   * Runs a call of the facade, translating what it throws.
   *
   * @param attempted what the call does, for the message ("create of 'alice'")
   * @throws ConnectorException classified by {@link ConnIdErrors}
   */
  <T> T call(String attempted, Supplier<T> call) {
    try {
      return call.get();
    } catch (RuntimeException e) {
      throw errors.translate(attempted, e);
    }
  }

  /** {@link #call} for a call that returns nothing. */
  void run(String attempted, Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      throw errors.translate(attempted, e);
    }
  }

  /** Whether the connector supports the operation. */
  boolean supports(Class<? extends APIOperation> operation) {
    return facade.getSupportedOperations().contains(operation);
  }

  /** The error translation for this target, with its secrets. */
  ConnIdErrors errors() {
    return errors;
  }

  /** Bundle name, version and connector class, for messages. */
  String description() {
    return describe(key);
  }

  /** Releases the connector's pooled instances. Never throws. */
  @Override
  public void close() {
    try {
      facade.dispose();
    } catch (RuntimeException e) {
      // nothing more can be done; the instances are dropped
    }
  }
}
