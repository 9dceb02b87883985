package io.tenure.cli;

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
      "GET /actuator/health is open; everything else needs authentication."
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
    TenureConfiguration configuration = loadConfiguration();
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
    environment.out().println("Tenure is serving on http://127.0.0.1:" + serverPort(context));
    environment.out().flush();
    closed.await();
    return 0;
  }

  private static String serverPort(ConfigurableApplicationContext context) {
    return context.getEnvironment().getProperty("local.server.port", "?");
  }
}
