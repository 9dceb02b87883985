package io.tenure.core.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * Why an operation is in a plan: a chain of explanations from the most specific to the root cause,
 * for example {@code ["group engineering", "role engineering-staff", "rule eng-birthright:
 * department == 'Engineering'"]}.
 */
public record Reason(List<String> chain) {

  public Reason {
    chain = List.copyOf(chain);
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("a reason needs at least one step");
    }
  }

  /** A reason with one step. */
  public static Reason of(String step) {
    return new Reason(List.of(step));
  }

  /** A reason whose new most specific step is {@code step}, explained by this reason. */
  public Reason because(String step) {
    List<String> longer = new ArrayList<>(chain.size() + 1);
    longer.add(step);
    longer.addAll(chain);
    return new Reason(longer);
  }

  /** This reason followed by a further root cause. */
  public Reason from(String rootCause) {
    List<String> longer = new ArrayList<>(chain);
    longer.add(rootCause);
    return new Reason(longer);
  }

  /** Human-readable form: the steps joined by {@code ", from "}. */
  public String render() {
    return String.join(", from ", chain);
  }

  @Override
  public String toString() {
    return render();
  }
}
