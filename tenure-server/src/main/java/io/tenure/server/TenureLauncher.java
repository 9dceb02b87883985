package io.tenure.server;

import io.tenure.cli.EmbeddedStoreState;
import io.tenure.cli.Launcher;
import io.tenure.cli.TenureLaunch;
import io.tenure.configuration.YamlConfigurationLoader;
import io.tenure.connector.spi.ConnectorFactory;
import io.tenure.engine.configuration.TenureHome;
import io.tenure.scim.server.ScimUserPaths;
import io.tenure.store.EmbeddedStoreStatus;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The composition root's answer to the commands: the configuration is read knowing every connector
 * on the class path and the SCIM server's User schemas, its expressions compiled; Tenure starts as
 * {@link TenureApplication} wires it.
 */
public final class TenureLauncher implements Launcher {

  /** The launcher of this application. */
  public static final TenureLauncher INSTANCE = new TenureLauncher();

  private TenureLauncher() {}

  @Override
  public YamlConfigurationLoader loader(Function<String, @Nullable String> environment) {
    return new YamlConfigurationLoader(environment, connectorTypes(), ScimUserPaths::problem)
        .compilingExpressions();
  }

  @Override
  public ConfigurableApplicationContext start(TenureLaunch launch) {
    return TenureApplication.start(launch);
  }

  @Override
  public ConfigurableApplicationContext serve(TenureLaunch launch, int port) {
    return TenureApplication.serve(launch, port);
  }

  @Override
  public EmbeddedStoreState embeddedStore(TenureHome home) {
    return state(EmbeddedStoreStatus.of(home.postgresDirectory()));
  }

  @Override
  public EmbeddedStoreState stopEmbeddedStore(TenureHome home) {
    return state(EmbeddedStoreStatus.stop(home.postgresDirectory()));
  }

  private static EmbeddedStoreState state(EmbeddedStoreStatus status) {
    return new EmbeddedStoreState(status.postmaster(), status.port(), status.keeper());
  }

  @Override
  public Set<String> connectorTypes() {
    Set<String> types = new TreeSet<>();
    ServiceLoader.load(ConnectorFactory.class, TenureLauncher.class.getClassLoader())
        .forEach(factory -> types.add(factory.type()));
    return types;
  }
}
