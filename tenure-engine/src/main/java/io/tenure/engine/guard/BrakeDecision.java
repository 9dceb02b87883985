package io.tenure.engine.guard;

import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What the brake decided for one plan.
 *
 * @param breaches the targets whose brake the plan trips, in target order; empty when the plan may
 *     run as a whole
 * @param heldSequences the 0-based positions in the plan of the operations that must not run until
 *     an operator resumes the plan
 */
public record BrakeDecision(List<TargetBreach> breaches, Set<Integer> heldSequences) {

  public BrakeDecision {
    breaches = List.copyOf(breaches);
    heldSequences = Collections.unmodifiableSet(new TreeSet<>(heldSequences));
  }

  /** A decision that holds nothing. */
  public static BrakeDecision proceed() {
    return new BrakeDecision(List.of(), Set.of());
  }

  /** True if some operations are held. */
  public boolean held() {
    return !heldSequences.isEmpty();
  }

  /** Why the operations are held, one breach after the other; empty when nothing is held. */
  public String reason() {
    return breaches.stream()
        .map(TargetBreach::describe)
        .collect(Collectors.joining("; ", "mass-change brake: ", ""));
  }
}
