package io.tenure.cli;

import io.tenure.engine.access.LocalUsers;
import io.tenure.engine.configuration.TenureConfiguration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tenure serve}: the web server, until stopped. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Starts the web server on 127.0.0.1 and runs until stopped (Ctrl-C).",
      "The web console is at / (log in as a user of 'tenure user'), the REST API at /api/v1"
          + " (OpenAPI at /v3/api-docs), GET /actuator/health is open; everything else needs"
          + " authentication."
    })
final class ServeCommand extends StoreCommand implements Callable<Integer> {

  @Option(
      names = "--port",
      paramLabel = "N",
      defaultValue = "8080",
      description = "The port (default 8080; 0 for a free one).")
  int port = 8080;

  ServeCommand(CliEnvironment environment) {
    super(environment);
  }

  @Override
  public Integer call() throws InterruptedException {
    TenureConfiguration configuration = loadConfigurationOrEmpty();
    TenureLaunch launch =
        environment
            .launchCustomizer()
            .apply(new TenureLaunch(environment.home(), configuration, clock(null)));
    CountDownLatch closed = new CountDownLatch(1);
    ConfigurableApplicationContext context = environment.launcher().serve(launch, port);
    context.addApplicationListener(
        event -> {
          if (event instanceof ContextClosedEvent) {
            closed.countDown();
          }
        });
    String root = "http://127.0.0.1:" + serverPort(context);
    environment.out().println("Tenure is serving on " + root);
    environment.out().println("  Console: " + root + "/  (" + loginHint(context) + ")");
    environment
        .out()
        .println("  API:     " + root + "/api/v1  (described at " + root + "/v3/api-docs)");
    environment.out().println("  Health:  " + root + "/actuator/health");
    environment.out().flush();
    closed.await();
    return 0;
  }

  /** Who can log in: the administrator, or how to make one. */
  private static String loginHint(ConfigurableApplicationContext context) {
    LocalUsers users = context.getBean(LocalUsers.class);
    if (users.hasAdministrator()) {
      return "log in as admin or another user of 'tenure user list'";
    }
    return "no administrator yet: run 'tenure user create-admin' and log in as admin";
  }

  private static String serverPort(ConfigurableApplicationContext context) {
    return context.getEnvironment().getProperty("local.server.port", "?");
  }
}
