package io.tenure.configuration;

import io.tenure.configuration.YamlTree.Location;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The problems found in one configuration file. Each reads {@code file:line:column: key.path:
 * message} (without the key path for the file as a whole); they are reported sorted by line and
 * column, problems at the same place in the order they were found.
 */
final class Problems {

  private record Problem(Location location, String text) {}

  private static final Comparator<Problem> FILE_ORDER =
      Comparator.comparingInt((Problem problem) -> problem.location().line())
          .thenComparingInt(problem -> problem.location().column());

  private final String file;
  private final List<Problem> problems = new ArrayList<>();
  private final List<Problem> warnings = new ArrayList<>();

  /**
   * @param file the file's name as messages show it
   */
  Problems(String file) {
    this.file = file;
  }

  /** Records a problem at {@code location} with the key {@code path} (empty for none). */
  void add(Location location, String path, String message) {
    problems.add(new Problem(location, place(location, path) + ": " + message));
  }

  /**
   * Records a warning at {@code location} with the key {@code path}: something the file may say but
   * should not (a literal password); it never fails the load.
   */
  void warn(Location location, String path, String message) {
    warnings.add(new Problem(location, place(location, path) + ": " + message));
  }

  /** The warnings found so far, in file order, each {@code file:line:column: key.path: message}. */
  List<String> warnings() {
    return warnings.stream().sorted(FILE_ORDER).map(Problem::text).toList();
  }

  /** {@code file:line:column: key.path} (without the key path when it is empty). */
  String place(Location location, String path) {
    return file
        + ":"
        + location.line()
        + ":"
        + location.column()
        + (path.isEmpty() ? "" : ": " + path);
  }

  /**
   * Does nothing when no problem was found.
   *
   * @throws ConfigurationException listing every problem in file order
   */
  void throwIfAny() {
    if (!problems.isEmpty()) {
      throw exception();
    }
  }

  /** The exception listing every problem found so far, in file order. */
  ConfigurationException exception() {
    return new ConfigurationException(
        problems.stream().sorted(FILE_ORDER).map(Problem::text).toList());
  }
}
