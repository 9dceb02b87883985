package io.tenure.engine.ingest;

import io.tenure.engine.configuration.SourceDefinition;
import java.util.Optional;

/**
 * Reads the records of one type of source ({@code csv}, {@code jdbc}, {@code ldap}, ...) as {@link
 * SourceRow}s: accepted rows carry a {@link io.tenure.core.source.SourceRecord} mapped to identity
 * attributes by the source's {@code attributes}, {@code key} and {@code lifecycle}; a rejected row
 * names its source and record (file:line, table:key, DN) and what is wrong. The importer does not
 * know the type: it asks {@link SourceReaders} for the reader of the source's type.
 *
 * <p>A reader never changes the source. Implementations are stateless and thread-safe; all that one
 * read holds lives in its {@link SourceRead}.
 */
public interface SourceReader {

  /**
   * Opens the source; the rows are read as the read's stream is consumed.
   *
   * @param source the source, of this reader's type
   * @param checkpoint where the previous complete read of this source ended ({@link
   *     SourceRead#checkpoint()}), or empty to read the whole source; a reader that cannot read
   *     incrementally ignores it
   * @throws SourceFileException if the source cannot be read at all (unreachable, refused, a
   *     configured column missing, a mapping expression that does not compile): no row of it is
   *     used
   */
  SourceRead open(SourceDefinition source, Optional<String> checkpoint);
}
