package io.tenure.cli;

import picocli.CommandLine.Option;

/** The {@code --format text|json} option of the commands that print data for people or scripts. */
final class FormatOption {

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "text",
      description = "text (default) or json.")
  OutputFormat format = OutputFormat.text;

  /** Whether the output is one JSON document rather than text. */
  boolean json() {
    return format == OutputFormat.json;
  }
}
