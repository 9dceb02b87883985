package io.tenure.engine.configuration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * The folder where Tenure keeps its state: the embedded PostgreSQL's data directory and anything
 * else that must survive a restart. Chosen by the {@code TENURE_HOME} environment variable or the
 * {@code tenure.home} / {@code TENURE_HOME} system property, {@code ./.tenure} by default; created
 * when missing.
 */
public record TenureHome(Path path) {

  public static final String VARIABLE = "TENURE_HOME";
  public static final String PROPERTY = "tenure.home";

  public TenureHome {
    path = path.toAbsolutePath().normalize();
  }

  /** The home named by the process's environment and system properties. */
  public static TenureHome fromEnvironment() {
    return resolve(System.getenv(), System.getProperties());
  }

  /** The home named by the given environment and properties (system properties win). */
  public static TenureHome resolve(Map<String, String> environment, Properties properties) {
    String chosen = properties.getProperty(PROPERTY);
    if (chosen == null || chosen.isBlank()) {
      chosen = properties.getProperty(VARIABLE);
    }
    if (chosen == null || chosen.isBlank()) {
      chosen = environment.get(VARIABLE);
    }
    if (chosen == null || chosen.isBlank()) {
      chosen = ".tenure";
    }
    return new TenureHome(Path.of(chosen));
  }

  /** Creates the folder if it does not exist and returns this home. */
  public TenureHome create() {
    try {
      Files.createDirectories(path);
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the Tenure home " + path, e);
    }
  }

  /** The embedded PostgreSQL's data directory. */
  public Path postgresDirectory() {
    return path.resolve("postgres");
  }
}
