package io.tenure.core.source;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Which source an identity attribute takes its value from when several sources know the person.
 *
 * <p>Each attribute has an order of sources: the ones configured for it, then every other source in
 * the default order. An identity's value of the attribute is the first non-blank value in that
 * order among the values its sources last gave; a source that gives none (or a blank one) lets the
 * next one speak. The pseudo attribute {@value #LIFECYCLE} orders the sources whose employment
 * status and dates the identity follows.
 *
 * <p>Immutable and thread-safe.
 */
public final class AttributeAuthority {

  /** The pseudo attribute naming the sources that decide employment (the lifecycle). */
  public static final String LIFECYCLE = "lifecycle";

  private final Map<String, List<String>> byAttribute;
  private final List<String> defaultOrder;

  /**
   * @param byAttribute per attribute, the sources in the order they are trusted for it
   * @param defaultOrder every source, in the order trusted for attributes not configured (and after
   *     the configured ones for those that are)
   * @throws IllegalArgumentException if an attribute's order names a source twice
   */
  public AttributeAuthority(Map<String, List<String>> byAttribute, List<String> defaultOrder) {
    Map<String, List<String>> copy = new TreeMap<>();
    byAttribute.forEach(
        (attribute, sources) -> {
          if (new LinkedHashSet<>(sources).size() != sources.size()) {
            throw new IllegalArgumentException(
                "authority." + attribute + " names a source twice: " + sources);
          }
          copy.put(Objects.requireNonNull(attribute), List.copyOf(sources));
        });
    this.byAttribute = Collections.unmodifiableMap(copy);
    this.defaultOrder = List.copyOf(new LinkedHashSet<>(defaultOrder));
  }

  /** Every source trusted in the given order for every attribute. */
  public static AttributeAuthority inOrder(List<String> sources) {
    return new AttributeAuthority(Map.of(), sources);
  }

  /** The sources in the order they are trusted for the attribute. */
  public List<String> order(String attribute) {
    Set<String> order = new LinkedHashSet<>(byAttribute.getOrDefault(attribute, List.of()));
    order.addAll(defaultOrder);
    return List.copyOf(order);
  }

  /**
   * The identity attributes the sources' values make: per attribute, the first non-blank value in
   * its order. Sources missing from every order come last, in name order.
   *
   * @param bySource per source, the values it last gave
   */
  public Map<String, String> merge(Map<String, Map<String, String>> bySource) {
    Set<String> names = new LinkedHashSet<>();
    bySource.values().forEach(values -> names.addAll(values.keySet()));
    Map<String, String> merged = new TreeMap<>();
    for (String attribute : names) {
      winner(attribute, bySource)
          .ifPresent(source -> merged.put(attribute, value(bySource, source, attribute)));
    }
    return merged;
  }

  /** The source whose value of the attribute the identity takes, if any source gives one. */
  public Optional<String> winner(String attribute, Map<String, Map<String, String>> bySource) {
    List<String> order = new ArrayList<>(order(attribute));
    bySource.keySet().stream()
        .sorted()
        .filter(source -> !order.contains(source))
        .forEach(order::add);
    for (String source : order) {
      String value = value(bySource, source, attribute);
      if (value != null && !value.isBlank()) {
        return Optional.of(source);
      }
    }
    return Optional.empty();
  }

  /**
   * The source that decides the employment of a person the given sources know: the first of them in
   * the {@value #LIFECYCLE} order.
   */
  public Optional<String> lifecycleSource(Set<String> knowing) {
    for (String source : order(LIFECYCLE)) {
      if (knowing.contains(source)) {
        return Optional.of(source);
      }
    }
    return knowing.stream().sorted().findFirst();
  }

  private static @Nullable String value(
      Map<String, Map<String, String>> bySource, String source, String attribute) {
    Map<String, String> values = bySource.get(source);
    return values == null ? null : values.get(attribute);
  }

  @Override
  public String toString() {
    return "AttributeAuthority[" + byAttribute + ", default " + defaultOrder + "]";
  }
}
