package io.tenure.engine.provisioning;

import io.tenure.engine.configuration.SourceDefinition;
import io.tenure.engine.ingest.ImportSummary;
import java.util.ArrayList;
import java.util.List;

/**
 * What one run of imports found beyond each import's own counts: source files that are unusable
 * though readable (every row rejected: a wrong {@code dateFormat}, a wrong export) and files that
 * miss many of the people their source knows (a truncated export, which deprovisions nobody but
 * must be said; checked for file sources, which are read whole). Not thread-safe: one per run.
 */
final class ImportChecks {

  /** A file is reported as missing people when at least this share of those it knew are absent. */
  static final double MISSING_SHARE = 0.10;

  final List<String> warnings = new ArrayList<>();
  final List<String> failures = new ArrayList<>();

  /**
   * Whether a source's rows are usable as a whole: not every one of them rejected, and rejected no
   * more than the source's {@code maxRejectedShare} (a source of no rows is usable).
   */
  static boolean usable(SourceDefinition source, long rowsRead, long rejected) {
    if (rowsRead > 0 && rejected == rowsRead) {
      return false;
    }
    double share = rowsRead == 0 ? 0 : (double) rejected / rowsRead;
    return rejected == 0 || share <= source.maxRejectedShare();
  }

  /**
   * Checks one source's import.
   *
   * @param known how many people the source had reported before the import
   * @return whether the import is usable (its snapshot may be recorded)
   */
  boolean check(SourceDefinition source, ImportSummary summary, long known) {
    if (summary.fileRejected()) {
      return false;
    }
    boolean all = summary.rowsRead() > 0 && summary.rejected() == summary.rowsRead();
    if (!usable(source, summary.rowsRead(), summary.rejected())) {
      String first = summary.problems().isEmpty() ? "?" : summary.problems().get(0).render();
      failures.add(
          "source "
              + source.name()
              + ": "
              + (all
                  ? "every one of the " + summary.rowsRead() + " rows of " + summary.file()
                  : summary.rejected()
                      + " of the "
                      + summary.rowsRead()
                      + " rows of "
                      + summary.file()
                      + " (more than sources."
                      + source.name()
                      + ".maxRejectedShare "
                      + source.maxRejectedShare()
                      + ")")
              + (all ? " was" : " were")
              + " rejected (first: "
              + first
              + "); the file is unusable, nothing was imported or planned from it");
      return false;
    }
    if (!source.isFile()) {
      return true; // a table may be read incrementally, a directory by pages: no full census
    }
    long seen = summary.updated() + summary.unchanged() + summary.rejected() + summary.ambiguous();
    long missing = known - seen;
    if (missing > 0 && missing >= Math.max(1, Math.ceil(known * MISSING_SHARE))) {
      warnings.add(
          "source "
              + source.name()
              + ": "
              + missing
              + " known "
              + (missing == 1 ? "person is" : "people are")
              + " missing from "
              + summary.file()
              + " (of "
              + known
              + " it reported before); nobody is deprovisioned for it. A missing row is never a"
              + " leaver: check that the export is complete");
    }
    return true;
  }
}
