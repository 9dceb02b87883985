package io.tenure.server;

import io.tenure.engine.configuration.TenureConfiguration;
import io.tenure.server.store.StoreStartup;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The Spring Boot application: the store, the engine's services and (for {@code serve}) the web
 * server. Start it with {@link #start} (no web server) or {@link #serve}; close the returned
 * context to stop everything, the embedded PostgreSQL included.
 */
@SpringBootApplication(proxyBeanMethods = false)
public class TenureApplication {

  /**
   * Starts the store and the services without a web server (what the CLI's commands use, and
   * tests).
   */
  public static ConfigurableApplicationContext start(TenureLaunch launch) {
    return run(
        launch,
        CommandLineApplication.class,
        WebApplicationType.NONE,
        Map.of("logging.level.root", "WARN"));
  }

  /** Starts everything with the web server on the port (0 for a free one). */
  public static ConfigurableApplicationContext serve(TenureLaunch launch, int port) {
    return run(
        launch,
        TenureApplication.class,
        WebApplicationType.SERVLET,
        Map.of(
            "server.port",
            Integer.toString(port),
            "server.address",
            "127.0.0.1",
            "spring.flyway.enabled",
            "false"));
  }

  private static ConfigurableApplicationContext run(
      TenureLaunch launch,
      Class<?> application,
      WebApplicationType type,
      Map<String, Object> properties) {
    TenureHome home = launch.home().create();
    StoreStartup store =
        StoreStartup.begin(launch.configuration().store(), home.postgresDirectory());
    Map<String, Object> defaults = new HashMap<>();
    defaults.put("spring.main.banner-mode", "off");
    defaults.put("spring.main.log-startup-info", "false");
    defaults.put("spring.main.register-shutdown-hook", "true");
    defaults.put("spring.jmx.enabled", "false");
    defaults.put("management.endpoints.web.exposure.include", "health");
    defaults.putAll(properties);
    try {
      return new SpringApplicationBuilder(application)
          .web(type)
          .properties(defaults)
          .initializers(
              context -> {
                var beans = context.getBeanFactory();
                beans.registerSingleton("tenureHome", home);
                beans.registerSingleton("tenureConfiguration", launch.configuration());
                beans.registerSingleton("clock", launch.clock());
                beans.registerSingleton("storeStartup", store);
              })
          .run();
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
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
