package io.tenure.engine.ingest;

import io.tenure.core.identity.Employment;
import io.tenure.core.identity.Identity;
import io.tenure.core.identity.IdentityId;
import io.tenure.core.identity.LifecycleState;
import io.tenure.core.lifecycle.Lifecycle;
import io.tenure.core.source.AttributeAuthority;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Applies what one source says about one person to the identity, by {@link AttributeAuthority}: the
 * source's values replace what it gave before (only for the attributes it provides); the identity's
 * attributes are merged again from every source's values; its employment is the source's when the
 * source decides the lifecycle of this person; its state is recomputed for the day.
 *
 * <p>Values stored before Tenure kept each source's values apart live under the source {@value
 * #PREVIOUS}, trusted after every configured source; a source that provides an attribute takes it
 * out of them, so a value it removes never comes back from there.
 *
 * <p>Immutable and thread-safe.
 */
public final class SourceMerge {

  /** The values of identities stored before per-source values were kept. */
  public static final String PREVIOUS = "previous";

  private final AttributeAuthority authority;

  public SourceMerge(AttributeAuthority authority) {
    this.authority = Objects.requireNonNull(authority, "authority");
  }

  public AttributeAuthority authority() {
    return authority;
  }

  /**
   * The identity after the source's report.
   *
   * @param before the identity as stored, if any
   * @param id the identity's id (a new one for a joiner)
   * @param source the source's name
   * @param provided the attributes the source provides (its mapping): those it gives no value for
   *     are removed from its values
   * @param values the source's values, by attribute
   * @param employment the employment the source reports; empty if it reports none (the identity
   *     keeps its employment, or a new one is active from today)
   * @param today the day the lifecycle state is computed for
   */
  public Identity apply(
      Optional<Identity> before,
      IdentityId id,
      String source,
      Set<String> provided,
      Map<String, String> values,
      Optional<Employment> employment,
      LocalDate today) {
    Map<String, Map<String, String>> bySource =
        new TreeMap<>(before.map(Identity::sourceAttributes).orElse(Map.of()));
    bySource.put(source, given(provided, values));
    Map<String, String> previous = bySource.get(PREVIOUS);
    if (previous != null) {
      Map<String, String> rest = new TreeMap<>(previous);
      rest.keySet().removeAll(provided);
      bySource.put(PREVIOUS, rest);
    }
    Employment employed = employment(before, bySource.keySet(), source, employment, today);
    LifecycleState state = Lifecycle.stateOn(employed, today);
    if (state == LifecycleState.TERMINATED
        && before.map(Identity::state).orElse(null) == LifecycleState.PURGED) {
      state = LifecycleState.PURGED;
    }
    return new Identity(
        id,
        state,
        authority.merge(bySource),
        employed,
        before.map(Identity::usernames).orElse(Map.of()),
        bySource);
  }

  /**
   * The values a source's report keeps for the person: those of the attributes it provides, not
   * blank, by attribute.
   *
   * @param provided the attributes the source provides (its mapping)
   * @param values the source's values, by attribute
   */
  public static Map<String, String> given(Set<String> provided, Map<String, String> values) {
    Map<String, String> given = new TreeMap<>();
    values.forEach(
        (name, value) -> {
          if (provided.contains(name) && value != null && !value.isBlank()) {
            given.put(name, value);
          }
        });
    return given;
  }

  /**
   * What of a source's report about a person does not take effect because another source outranks
   * it: each attribute the report gives a value that differs from the identity's, and that the
   * merged identity does not take, with the source that decides it; {@value
   * AttributeAuthority#LIFECYCLE} when the report changes the employment and another source decides
   * the person's lifecycle.
   *
   * @param before the identity before the report
   * @param after the identity after the report ({@link #apply})
   * @param source the reporting source
   * @param values the values it reported
   * @param employmentChanged whether the report asked for another employment than the identity's
   */
  public List<Overruled> overruled(
      Identity before,
      Identity after,
      String source,
      Map<String, String> values,
      boolean employmentChanged) {
    List<Overruled> overruled = new ArrayList<>();
    values.forEach(
        (name, value) -> {
          if (value == null || value.isBlank() || value.equals(before.attributes().get(name))) {
            return;
          }
          if (!value.equals(after.attributes().get(name))) {
            overruled.add(
                new Overruled(
                    name,
                    authority.winner(name, after.sourceAttributes()).orElse(source),
                    authority.order(name)));
          }
        });
    if (employmentChanged) {
      String decides = authority.lifecycleSource(after.sourceAttributes().keySet()).orElse(source);
      if (!decides.equals(source)) {
        overruled.add(
            new Overruled(
                AttributeAuthority.LIFECYCLE,
                decides,
                authority.order(AttributeAuthority.LIFECYCLE)));
      }
    }
    return overruled;
  }

  /**
   * A reported value another source outranks.
   *
   * @param attribute the attribute (or {@value AttributeAuthority#LIFECYCLE})
   * @param decidedBy the source whose value the identity keeps
   * @param order the sources in the order they are trusted for the attribute
   */
  public record Overruled(String attribute, String decidedBy, List<String> order) {

    /** One line for a refusal: which attribute, which source decides it, the order. */
    public String describe() {
      return attribute
          + " is given by source "
          + decidedBy
          + " for this person (authority: "
          + String.join(", ", order)
          + ")";
    }
  }

  private Employment employment(
      Optional<Identity> before,
      Set<String> knowing,
      String source,
      Optional<Employment> reported,
      LocalDate today) {
    @Nullable Employment kept = before.map(Identity::employment).orElse(null);
    boolean decides = authority.lifecycleSource(knowing).map(source::equals).orElse(true);
    if (reported.isPresent() && (decides || kept == null)) {
      return reported.get();
    }
    return kept != null
        ? kept
        : new Employment(io.tenure.core.identity.EmploymentStatus.ACTIVE, today, null);
  }
}
