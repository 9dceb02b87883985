package io.tenure.engine.ingest;

import java.time.Instant;
import java.util.Objects;

/**
 * What was imported from a file source: which file, its content's SHA-256, how many records it
 * held, when the file was last modified and when it was imported. Kept per source (the last one
 * applied), so that an older file is not imported over a newer one by mistake.
 *
 * @param source the source's name
 * @param file the file as it was named (the configured file or a {@code --file})
 * @param contentHash the SHA-256 of the file's bytes, lower-case hex
 * @param records the records (rows) read from it
 * @param modifiedAt the file's last-modified time when it was read
 * @param importedAt when it was imported
 */
public record SourceSnapshot(
    String source,
    String file,
    String contentHash,
    long records,
    Instant modifiedAt,
    Instant importedAt) {

  public SourceSnapshot {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(contentHash, "contentHash");
    Objects.requireNonNull(modifiedAt, "modifiedAt");
    Objects.requireNonNull(importedAt, "importedAt");
  }

  /** Whether this snapshot is older than {@code last}: a different file modified before it. */
  public boolean olderThan(SourceSnapshot last) {
    return !contentHash.equals(last.contentHash()) && modifiedAt.isBefore(last.modifiedAt());
  }
}
