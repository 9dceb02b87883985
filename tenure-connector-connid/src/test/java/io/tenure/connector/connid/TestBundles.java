package io.tenure.connector.connid;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real bundles the tests run: copied from Maven Central into {@code target/connid-bundles} by
 * the build (maven-dependency-plugin), whose path the system property {@code tenure.connid.bundles}
 * gives.
 */
final class TestBundles {

  /** The folder holding the bundle jars. */
  static final Path FOLDER =
      Path.of(System.getProperty("tenure.connid.bundles", "target/connid-bundles"));

  static final String CSVDIR = "net.tirasa.connid.bundles.csvdir";
  static final String LDAP = "net.tirasa.connid.bundles.ldap";

  private TestBundles() {}

  /** The jar of one bundle. */
  static Path jar(String bundle) {
    try (var files = Files.list(FOLDER)) {
      return files
          .filter(file -> file.getFileName().toString().startsWith(bundle + "-"))
          .findFirst()
          .orElseThrow(() -> new IllegalStateException(bundle + " is not in " + FOLDER));
    } catch (java.io.IOException e) {
      throw new IllegalStateException("cannot list " + FOLDER, e);
    }
  }
}
