package io.tenure.configuration;

import java.util.List;

/**
 * The configuration cannot be used. Each problem names the file, line and column, and the key path,
 * for example {@code tenure.yaml:14:5: targets.directory.retention: "30 days" is not an ISO-8601
 * duration such as P30D}; the message lists every problem found, one a line.
 */
public class ConfigurationException extends RuntimeException {

  private final List<String> problems;

  public ConfigurationException(List<String> problems) {
    super(String.join(System.lineSeparator(), problems));
    this.problems = List.copyOf(problems);
  }

  /** Every problem, in file order. */
  public List<String> problems() {
    return problems;
  }
}
