package io.tenure.core.lifecycle;

/**
 * How lifecycle states map to account presence.
 *
 * @param prehireDays how many days before the start date a new hire's accounts are created
 *     (disabled); zero means on the start date itself. Must not be negative.
 */
public record LifecyclePolicy(int prehireDays) {

  public LifecyclePolicy {
    if (prehireDays < 0) {
      throw new IllegalArgumentException(
          "lifecycle.prehireDays must not be negative, was " + prehireDays);
    }
  }
}
