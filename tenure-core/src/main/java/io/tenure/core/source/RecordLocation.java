package io.tenure.core.source;

/** Where a source record came from: a file (or feed name) and a 1-based line number. */
public record RecordLocation(String file, long line) {

  @Override
  public String toString() {
    return file + ":" + line;
  }
}
