package io.tenure.server;

import io.tenure.cli.TenureLaunch;
import io.tenure.engine.configuration.TenureConfiguration;
import io.tenure.engine.configuration.TenureHome;
import io.tenure.store.StoreStartup;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

/**
 * The Spring Boot application: the store, the engine's services and (for {@code serve}) the web
 * server. Start it with {@link #start} (no web server) or {@link #serve}; close the returned
 * context to stop everything, the embedded PostgreSQL included.
 */
@SpringBootApplication(
    proxyBeanMethods = false,
    scanBasePackages = {"io.tenure.server", "io.tenure.scim.server", "io.tenure.web"})
public class TenureApplication {

  /**
   * Starts the store and the services without a web server (what the CLI's commands use, and
   * tests). This is a plain Spring context without Spring Boot's start-up machinery, which keeps
   * every command's start-up short. The embedded PostgreSQL stays up after the context closes for
   * {@code store.embedded.idleTimeout}, or for what {@code TENURE_STORE_IDLE_TIMEOUT} says (which
   * wins; {@code 0} stops it with the context).
   */
  public static ConfigurableApplicationContext start(TenureLaunch launch) {
    TenureHome home = launch.home().create();
    StoreStartup store =
        StoreStartup.begin(
            launch.configuration().store().withIdleTimeoutFrom(System::getenv),
            home.postgresDirectory(),
            launch.emptyStore());
    AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
    try {
      register(context.getBeanFactory(), launch, home, store);
      context.register(CommandLineApplication.class);
      context.addBeanFactoryPostProcessor(
          factory -> {
            for (String name : factory.getBeanDefinitionNames()) {
              factory.getBeanDefinition(name).setLazyInit(true);
            }
          });
      context.refresh();
      context.registerShutdownHook();
      return context;
    } catch (RuntimeException e) {
      context.close();
      store.close();
      throw e;
    }
  }

  /** Starts everything with the web server on the port (0 for a free one). */
  public static ConfigurableApplicationContext serve(TenureLaunch launch, int port) {
    return serve(launch, port, Map.of());
  }

  /**
   * Starts everything with the web server on the port (0 for a free one) and further properties
   * ({@code tenure.audit.syslog.address}, ...) as defaults, which the environment overrides.
   */
  public static ConfigurableApplicationContext serve(
      TenureLaunch launch, int port, Map<String, Object> properties) {
    Map<String, Object> all = new HashMap<>(properties);
    all.put("server.port", Integer.toString(port));
    all.put("server.address", "127.0.0.1");
    all.put("spring.flyway.enabled", "false");
    return run(launch, TenureApplication.class, WebApplicationType.SERVLET, all);
  }

  private static ConfigurableApplicationContext run(
      TenureLaunch launch,
      Class<?> application,
      WebApplicationType type,
      Map<String, Object> properties) {
    TenureHome home = launch.home().create();
    // the server owns its embedded PostgreSQL (or joins one that stays up between commands)
    StoreStartup store =
        StoreStartup.begin(
            launch.configuration().store().withEmbeddedIdleTimeout(Duration.ZERO),
            home.postgresDirectory(),
            launch.emptyStore());
    Map<String, Object> defaults = new HashMap<>();
    defaults.put("spring.main.banner-mode", "off");
    defaults.put("spring.main.log-startup-info", "false");
    defaults.put("spring.main.register-shutdown-hook", "true");
    defaults.put("spring.jmx.enabled", "false");
    defaults.put("management.endpoints.web.exposure.include", "health,prometheus");
    defaults.putAll(properties);
    try {
      return new SpringApplicationBuilder(application)
          .web(type)
          .properties(defaults)
          .initializers(context -> register(context.getBeanFactory(), launch, home, store))
          .run();
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
  }

  private static void register(
      ConfigurableListableBeanFactory beans,
      TenureLaunch launch,
      TenureHome home,
      StoreStartup store) {
    beans.registerSingleton("tenureHome", home);
    beans.registerSingleton("tenureConfiguration", launch.configuration());
    beans.registerSingleton("clock", launch.clock());
    beans.registerSingleton("storeStartup", store);
  }

  /** The configuration of a running application. */
  public static TenureConfiguration configuration(ConfigurableApplicationContext context) {
    return context.getBean(TenureConfiguration.class);
  }

  /** The clock of a running application. */
  public static Clock clock(ConfigurableApplicationContext context) {
    return context.getBean(Clock.class);
  }
}
