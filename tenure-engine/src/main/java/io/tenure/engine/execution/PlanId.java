package io.tenure.engine.execution;

/** The id of a stored plan. */
public record PlanId(String value) {

  @Override
  public String toString() {
    return value;
  }
}
