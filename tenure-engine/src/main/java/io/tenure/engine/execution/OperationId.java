package io.tenure.engine.execution;

/** The id of a stored operation, unique across plans. */
public record OperationId(long value) {

  @Override
  public String toString() {
    return Long.toString(value);
  }
}
