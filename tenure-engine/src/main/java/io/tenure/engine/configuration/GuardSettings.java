package io.tenure.engine.configuration;

/**
 * The mass-change brake of a target: a run that would disable or delete more than this share or
 * count of the target's accounts is held for an operator.
 */
public record GuardSettings(int maxDisablePercent, int maxDisableCount) {

  public static GuardSettings defaults() {
    return new GuardSettings(5, 500);
  }
}
