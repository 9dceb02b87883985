package io.tenure.engine.configuration;

/**
 * Where a source that is not a file reads its records from: the settings of its type. A reader for
 * the type ({@link io.tenure.engine.ingest.SourceReader}) interprets them; the engine itself never
 * opens a connection.
 */
public sealed interface SourceConnection permits JdbcSourceSettings, LdapSourceSettings {

  /**
   * How messages name the origin of the records, without secrets: a table name, a base DN. Problems
   * of records are located {@code origin:record}.
   */
  String origin();

  /** The origin with what it is, for messages about the source as a whole: {@code table people}. */
  String describe();

  /**
   * The secret references of the source's settings that could not be resolved when the
   * configuration was read ({@code environment variable HR_DB_PASSWORD is not set
   * (tenure.yaml:9:15: sources.hr.password)}), never a value. Reading the source fails with them;
   * commands that do not read it run.
   */
  java.util.List<String> unresolvedSecrets();
}
