package io.tenure.source.jdbc;

import io.tenure.engine.ingest.SourceReader;
import io.tenure.engine.ingest.SourceReaderFactory;

/** The reader of {@code type: jdbc} sources, found through {@link java.util.ServiceLoader}. */
public final class JdbcSourceReaderFactory implements SourceReaderFactory {

  /** The source type. */
  public static final String TYPE = "jdbc";

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public SourceReader reader() {
    return new JdbcSourceReader();
  }
}
