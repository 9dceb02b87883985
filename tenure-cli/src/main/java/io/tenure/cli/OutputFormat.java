package io.tenure.cli;

/** How a command prints its data. */
public enum OutputFormat {
  /** For people. */
  text,
  /** For scripts: one JSON document. */
  json
}
