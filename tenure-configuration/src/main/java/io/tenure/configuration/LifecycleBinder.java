package io.tenure.configuration;

import io.tenure.engine.configuration.LifecycleSettings;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code lifecycle: {prehireDays, moverAttributes}}: how far ahead pre-hires are prepared, and
 * which attribute changes make a mover; omitted keys keep {@link LifecycleSettings#defaults()}.
 */
final class LifecycleBinder {

  private static final Set<String> KEYS = Set.of("prehireDays", "moverAttributes");

  private LifecycleBinder() {}

  static LifecycleSettings bind(MappingReader top) {
    MappingReader lifecycle = top.optionalMapping("lifecycle");
    LifecycleSettings defaults = LifecycleSettings.defaults();
    if (lifecycle == null) {
      return defaults;
    }
    lifecycle.onlyKeys(KEYS);
    int prehireDays = lifecycle.integer("prehireDays", defaults.prehireDays(), 0, 3650);
    List<String> movers = lifecycle.optionalStrings("moverAttributes");
    return new LifecycleSettings(
        prehireDays, movers == null ? defaults.moverAttributes() : new LinkedHashSet<>(movers));
  }
}
