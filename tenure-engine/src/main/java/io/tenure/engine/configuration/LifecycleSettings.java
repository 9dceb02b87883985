package io.tenure.engine.configuration;

import java.util.Set;

/**
 * How lifecycle is derived.
 *
 * @param prehireDays how many days before the start date a pre-hire's accounts are prepared
 *     (created disabled)
 * @param moverAttributes identity attributes whose change makes a person a mover (department,
 *     title, managerId, location by default)
 */
public record LifecycleSettings(int prehireDays, Set<String> moverAttributes) {

  public static final Set<String> DEFAULT_MOVER_ATTRIBUTES =
      Set.of("department", "title", "managerId", "location");

  public LifecycleSettings {
    if (prehireDays < 0) {
      throw new IllegalArgumentException("prehireDays must not be negative");
    }
    moverAttributes = Set.copyOf(moverAttributes);
  }

  public static LifecycleSettings defaults() {
    return new LifecycleSettings(7, DEFAULT_MOVER_ATTRIBUTES);
  }
}
