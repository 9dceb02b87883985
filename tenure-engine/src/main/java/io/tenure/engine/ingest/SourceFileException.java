package io.tenure.engine.ingest;

import io.tenure.core.source.RecordProblem;

/**
 * A source file cannot be read at all: it is missing or unreadable, its header lacks configured
 * columns, or an expression in the source's mapping does not fit its columns. No row of such a file
 * is used.
 */
public final class SourceFileException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient RecordProblem problem;

  public SourceFileException(RecordProblem problem) {
    super(problem.render());
    this.problem = problem;
  }

  public SourceFileException(RecordProblem problem, Throwable cause) {
    super(problem.render(), cause);
    this.problem = problem;
  }

  /** The problem, located at the file (line 1 for header problems). */
  public RecordProblem problem() {
    return problem;
  }
}
