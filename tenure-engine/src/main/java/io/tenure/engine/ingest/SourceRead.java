package io.tenure.engine.ingest;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * One read of a source, opened by its {@link SourceReader}: the rows, produced lazily as the stream
 * is consumed, and, once they all were, where the next read may continue from.
 *
 * <p>Consume {@link #rows()} once, then ask {@link #checkpoint()}; close the read in every case
 * (try-with-resources), which releases the file or connection.
 */
public interface SourceRead extends AutoCloseable {

  /** The rows, in the source's order; a stream to consume once. */
  Stream<SourceRow> rows();

  /**
   * Where the next read of the source continues from (a JDBC source's highest watermark value), if
   * the reader reads incrementally and this read got to the end without a failure; empty otherwise
   * (the next read is a whole one, or starts from the previous checkpoint again). Asked after the
   * rows were consumed.
   */
  Optional<String> checkpoint();

  /**
   * Whether this read gives only the records changed since a checkpoint (an incremental read)
   * rather than the whole source.
   */
  boolean incremental();

  /** Releases the file or connection; never throws. */
  @Override
  void close();

  /** A whole read of a source: the rows, no checkpoint, closing the stream on close. */
  static SourceRead whole(Stream<SourceRow> rows) {
    return of(rows, false, Optional::empty);
  }

  /**
   * A read of the rows whose checkpoint, asked once they were consumed, is what {@code checkpoint}
   * gives then.
   */
  static SourceRead of(
      Stream<SourceRow> rows, boolean incremental, Supplier<Optional<String>> checkpoint) {
    Objects.requireNonNull(rows, "rows");
    Objects.requireNonNull(checkpoint, "checkpoint");
    return new SourceRead() {
      @Override
      public Stream<SourceRow> rows() {
        return rows;
      }

      @Override
      public Optional<String> checkpoint() {
        return checkpoint.get();
      }

      @Override
      public boolean incremental() {
        return incremental;
      }

      @Override
      public void close() {
        rows.close();
      }
    };
  }
}
