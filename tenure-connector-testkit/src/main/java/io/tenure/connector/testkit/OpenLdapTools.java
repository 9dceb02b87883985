package io.tenure.connector.testkit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The OpenLDAP tools of the shared folder ({@code start-openldap.sh}, {@code stop-openldap.sh}) for
 * integration tests that start a directory of their own, on a free loopback port with its own data
 * folder, rather than use the shared one. The folder is the system property {@code
 * tenure.it.openldap.tools}, by default {@code ../../shared/tools} (from a module's folder).
 */
public final class OpenLdapTools {

  private final Path folder;

  private OpenLdapTools(Path folder) {
    this.folder = folder;
  }

  /**
   * The tools of {@code tenure.it.openldap.tools}.
   *
   * @throws IllegalStateException when the folder holds no {@code start-openldap.sh}
   */
  public static OpenLdapTools fromProperty() {
    Path folder = Path.of(System.getProperty("tenure.it.openldap.tools", "../../shared/tools"));
    if (!Files.exists(folder.resolve("start-openldap.sh"))) {
      throw new IllegalStateException(
          "no start-openldap.sh in " + folder.toAbsolutePath() + " (set tenure.it.openldap.tools)");
    }
    return new OpenLdapTools(folder);
  }

  /**
   * Starts a fresh OpenLDAP ({@code start-openldap.sh --reset}, not synced to the disk) on a free
   * loopback port, its data in a new temporary folder named with the prefix.
   */
  public Instance start(String prefix) throws IOException, InterruptedException {
    Instance instance = new Instance(freePort(), Files.createTempDirectory(prefix).toString());
    run(
        NO_SYNC,
        "start-openldap.sh",
        "--reset",
        Integer.toString(instance.port()),
        instance.data());
    return instance;
  }

  /** Stops the instance, keeping its data ({@link #start(Instance)} starts it again). */
  public void stop(Instance instance) throws IOException, InterruptedException {
    run(Map.of(), "stop-openldap.sh", instance.data());
  }

  /** Starts the stopped instance again, on its port, with its data. */
  public void start(Instance instance) throws IOException, InterruptedException {
    run(NO_SYNC, "start-openldap.sh", Integer.toString(instance.port()), instance.data());
  }

  /** Stops the instance and deletes its data folder. */
  public void purge(Instance instance) throws IOException, InterruptedException {
    run(Map.of(), "stop-openldap.sh", instance.data(), "--purge");
  }

  /** An OpenLDAP started by {@link #start(String)}: its loopback port and data folder. */
  public record Instance(int port, String data) {
    /** {@code ldap://127.0.0.1:<port>}. */
    public String url() {
      return "ldap://127.0.0.1:" + port;
    }
  }

  private static final Map<String, String> NO_SYNC = Map.of("LDAP_NOSYNC", "1");

  /** A loopback port free now. */
  public static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /**
   * Runs one of the tools with the arguments (and these environment variables besides the
   * process's), waiting up to a minute.
   *
   * @throws IllegalStateException when it does not end in time or ends with another status than 0,
   *     with its output
   */
  public void run(Map<String, String> environment, String script, String... arguments)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add("bash");
    command.add(folder.resolve(script).toString());
    command.addAll(List.of(arguments));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(environment);
    builder.redirectErrorStream(true);
    Path log = Files.createTempFile("openldap", ".log");
    try {
      builder.redirectOutput(log.toFile());
      Process process = builder.start();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(script + " did not end within a minute");
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            script + " ended with " + process.exitValue() + ": " + Files.readString(log));
      }
    } finally {
      Files.deleteIfExists(log);
    }
  }
}
