package io.tenure.engine.ingest;

import io.tenure.core.identity.Identity;
import io.tenure.core.source.AttributeAuthority;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Finds where the sources of a person disagree: each attribute for which a source gives a non-blank
 * value other than the one the identity takes by {@link AttributeAuthority}. Values kept from
 * before sources were kept apart ({@value SourceMerge#PREVIOUS}) are not a source's word and never
 * disagree. Immutable and thread-safe.
 */
public final class Disagreements {

  private final AttributeAuthority authority;

  public Disagreements(AttributeAuthority authority) {
    this.authority = Objects.requireNonNull(authority, "authority");
  }

  /** Every disagreement among the identity's sources, by attribute, then source. */
  public List<Disagreement> of(Identity identity) {
    Map<String, Map<String, String>> bySource = identity.sourceAttributes();
    if (bySource.size() < 2) {
      // the one source there is wins every attribute it gives a value for: nobody disagrees
      return List.of();
    }
    List<Disagreement> found = new ArrayList<>();
    identity
        .attributes()
        .forEach(
            (attribute, kept) -> {
              Optional<String> winner = authority.winner(attribute, bySource);
              if (winner.isEmpty()) {
                return;
              }
              bySource.forEach(
                  (source, values) -> {
                    String value = values.get(attribute);
                    if (!source.equals(SourceMerge.PREVIOUS)
                        && !source.equals(winner.get())
                        && value != null
                        && !value.isBlank()
                        && !value.equals(kept)) {
                      found.add(
                          new Disagreement(
                              identity.id(), attribute, winner.get(), kept, source, value));
                    }
                  });
            });
    return found;
  }

  /**
   * The disagreements of {@code after} that involve {@code source} (as the one overruled or the one
   * deciding) and that {@code before} did not have with the same values: what a report of that
   * source newly caused.
   */
  public List<Disagreement> introduced(Optional<Identity> before, Identity after, String source) {
    List<Disagreement> earlier = before.map(this::of).orElse(List.of());
    List<Disagreement> introduced = new ArrayList<>();
    for (Disagreement disagreement : of(after)) {
      if ((disagreement.source().equals(source) || disagreement.decidedBy().equals(source))
          && !earlier.contains(disagreement)) {
        introduced.add(disagreement);
      }
    }
    return introduced;
  }
}
