package io.tenure.engine.ingest;

import io.tenure.engine.configuration.SourceDefinition;
import java.util.Optional;

/**
 * The built-in {@link SourceReader} of {@code csv} sources: {@link CsvSourceReader}, read whole.
 */
final class CsvSource implements SourceReader {

  @Override
  public SourceRead open(SourceDefinition source, Optional<String> checkpoint) {
    return SourceRead.whole(new CsvSourceReader(source).read());
  }
}
