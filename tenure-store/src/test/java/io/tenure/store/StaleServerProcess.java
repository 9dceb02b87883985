package io.tenure.store;

import java.nio.file.Path;

/**
 * A process that starts the embedded PostgreSQL, says so, and waits to be killed: what a Tenure
 * command looks like when it is killed with SIGKILL mid-run.
 */
public final class StaleServerProcess {

  private StaleServerProcess() {}

  public static void main(String[] arguments) throws Exception {
    EmbeddedPostgresServer server = EmbeddedPostgresServer.start(Path.of(arguments[0]));
    System.out.println("started " + server.port());
    System.out.flush();
    Thread.sleep(120_000);
  }
}
