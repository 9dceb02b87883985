package io.tenure.engine.ingest;

/**
 * Provides the {@link SourceReader} of one source type, found through {@link
 * java.util.ServiceLoader} (a module that reads a new type of source declares its factory in {@code
 * META-INF/services/io.tenure.engine.ingest.SourceReaderFactory}), so that a new source type is a
 * new module, not an edit of the importer.
 */
public interface SourceReaderFactory {

  /** The source type, as {@code sources.NAME.type} names it ({@code jdbc}). */
  String type();

  /** The reader; may be shared by every read of every source of the type. */
  SourceReader reader();
}
