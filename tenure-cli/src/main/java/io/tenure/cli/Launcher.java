package io.tenure.cli;

import io.tenure.configuration.YamlConfigurationLoader;
import io.tenure.engine.configuration.TenureHome;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What the composition root does for the commands: read {@code tenure.yaml} knowing every installed
 * connector and the SCIM server's schemas, compiling its expressions, and start Tenure, with or
 * without its web server. The commands know the engine's services, not how they are wired.
 */
public interface Launcher {

  /**
   * A loader that reads {@code ${env:...}} from {@code environment} and {@linkplain
   * YamlConfigurationLoader#compilingExpressions() compiles every expression}, so that every
   * problem of the file is found before anything starts.
   */
  YamlConfigurationLoader loader(Function<String, @Nullable String> environment);

  /** The store and the services, without a web server; close the context to stop everything. */
  ConfigurableApplicationContext start(TenureLaunch launch);

  /** Everything with the web server on the port (0 for a free one). */
  ConfigurableApplicationContext serve(TenureLaunch launch, int port);

  /** Whether the embedded PostgreSQL of the home runs, and who holds it up. */
  EmbeddedStoreState embeddedStore(TenureHome home);

  /**
   * Stops the embedded PostgreSQL of the home if a keeper holds it up between commands (a server
   * that a running command or {@code tenure serve} owns is left alone); returns the state before.
   */
  EmbeddedStoreState stopEmbeddedStore(TenureHome home);

  /** The connector types installed, for messages. */
  Set<String> connectorTypes();
}
