package io.tenure.engine.ingest;

import io.tenure.core.identity.IdentityId;
import io.tenure.core.source.RecordProblem;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What an import did.
 *
 * @param source the source's name
 * @param file the file's name, or where a source that is not a file was read from (a table, a base
 *     DN)
 * @param fileRejected true when the whole source was refused (unreadable, unreachable, lacking
 *     columns); then no row was read and {@code problems} holds the reason
 * @param rowsRead rows read (blank lines not counted)
 * @param created identities created (joiners)
 * @param updated identities changed
 * @param unchanged rows that matched an identity and changed nothing
 * @param rejected rows refused by validation; their people keep their stored state
 * @param ambiguous rows whose correlation was ambiguous or conflicting; nothing was linked
 * @param unmatched rows that matched no identity of a source that makes none ({@code unmatched:
 *     report}); nothing was changed
 * @param disagreements disagreements with another source of the person that the rows newly caused
 *     (each audited; the identity keeps the value authority decides)
 * @param problems every rejected or ambiguous row's problems, in file order
 * @param changedIdentities the identities created or updated, for planning just those
 */
public record ImportSummary(
    String source,
    String file,
    boolean fileRejected,
    long rowsRead,
    long created,
    long updated,
    long unchanged,
    long rejected,
    long ambiguous,
    long unmatched,
    long disagreements,
    List<RecordProblem> problems,
    Set<IdentityId> changedIdentities) {

  public ImportSummary {
    problems = List.copyOf(problems);
    changedIdentities = Collections.unmodifiableSet(new TreeSet<>(changedIdentities));
  }

  /** The summary of an import that found nothing unmatched and no disagreement. */
  public ImportSummary(
      String source,
      String file,
      boolean fileRejected,
      long rowsRead,
      long created,
      long updated,
      long unchanged,
      long rejected,
      long ambiguous,
      List<RecordProblem> problems,
      Set<IdentityId> changedIdentities) {
    this(
        source,
        file,
        fileRejected,
        rowsRead,
        created,
        updated,
        unchanged,
        rejected,
        ambiguous,
        0,
        0,
        problems,
        changedIdentities);
  }

  /** Identities created or updated. */
  public long applied() {
    return created + updated;
  }

  /** True if every row was applied or unchanged. */
  public boolean clean() {
    return !fileRejected && rejected == 0 && ambiguous == 0;
  }
}
