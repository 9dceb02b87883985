package io.tenure.source.ldap;

import io.tenure.engine.ingest.SourceReader;
import io.tenure.engine.ingest.SourceReaderFactory;

/** The reader of {@code type: ldap} sources, found through {@link java.util.ServiceLoader}. */
public final class LdapSourceReaderFactory implements SourceReaderFactory {

  /** The source type. */
  public static final String TYPE = "ldap";

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public SourceReader reader() {
    return new LdapSourceReader();
  }
}
