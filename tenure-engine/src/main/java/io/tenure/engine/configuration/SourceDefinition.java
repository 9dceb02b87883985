package io.tenure.engine.configuration;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * An authoritative source of people: a CSV file with a header row ({@code csv}), a table or view of
 * a database ({@code jdbc}), the entries of an LDAP directory ({@code ldap}); each read by the
 * {@link io.tenure.engine.ingest.SourceReader} of its type.
 *
 * @param name the source's name in the configuration
 * @param type the source type ({@code csv}, {@code jdbc}, {@code ldap})
 * @param file the file, resolved against the configuration file's folder; for a source that is not
 *     a file, the empty path (its records come from {@code connection})
 * @param key the identity attribute to correlate on first (for example {@code employeeId})
 * @param fallbackKeys identity attributes to correlate on when the key finds nothing
 * @param attributes identity attribute name to the source column that feeds it, in order; a value
 *     that is not a plain column name is a CEL expression over the row's columns
 * @param requiredAttributes identity attributes a row must have; a row without one is rejected
 * @param lifecycle which columns carry employment status and dates; null for a source that reports
 *     no employment (it only contributes attributes, such as a mail system giving addresses)
 * @param encoding the character encoding of the file ({@code UTF-8} unless configured); a byte
 *     sequence that is not valid in it rejects only the row that holds it
 * @param connection where a source that is not a file reads from; null for a file
 * @param schedule when {@code tenure serve} imports the source: a cron expression with six fields
 *     (second minute hour day-of-month month day-of-week), or null for never by itself
 * @param createsIdentities whether a record that matches no identity makes a new one (a joiner);
 *     when false it is reported as unmatched and changes nothing ({@code unmatched: report})
 * @param maxRejectedShare the share of rows (0 to 1) that may be rejected before the file counts as
 *     unusable (a failure: nothing imported or applied from it); 1, the default, fails only a file
 *     whose every row is rejected ({@code maxRejectedShare})
 */
public record SourceDefinition(
    String name,
    String type,
    Path file,
    String key,
    List<String> fallbackKeys,
    Map<String, String> attributes,
    Set<String> requiredAttributes,
    @Nullable LifecycleColumns lifecycle,
    Charset encoding,
    @Nullable SourceConnection connection,
    @Nullable String schedule,
    boolean createsIdentities,
    double maxRejectedShare) {

  /** The type of a CSV file source. */
  public static final String CSV = "csv";

  public SourceDefinition {
    if (!(maxRejectedShare >= 0 && maxRejectedShare <= 1)) {
      throw new IllegalArgumentException(
          "maxRejectedShare must be between 0 and 1, was " + maxRejectedShare);
    }
    fallbackKeys = List.copyOf(fallbackKeys);
    attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    requiredAttributes = Set.copyOf(requiredAttributes);
  }

  /** A source that fails only when every row of a read is rejected. */
  public SourceDefinition(
      String name,
      String type,
      Path file,
      String key,
      List<String> fallbackKeys,
      Map<String, String> attributes,
      Set<String> requiredAttributes,
      @Nullable LifecycleColumns lifecycle,
      Charset encoding,
      @Nullable SourceConnection connection,
      @Nullable String schedule,
      boolean createsIdentities) {
    this(
        name,
        type,
        file,
        key,
        fallbackKeys,
        attributes,
        requiredAttributes,
        lifecycle,
        encoding,
        connection,
        schedule,
        createsIdentities,
        1.0);
  }

  /** A file source in an encoding, read on demand, that creates identities. */
  public SourceDefinition(
      String name,
      String type,
      Path file,
      String key,
      List<String> fallbackKeys,
      Map<String, String> attributes,
      Set<String> requiredAttributes,
      @Nullable LifecycleColumns lifecycle,
      Charset encoding) {
    this(
        name,
        type,
        file,
        key,
        fallbackKeys,
        attributes,
        requiredAttributes,
        lifecycle,
        encoding,
        null,
        null,
        true);
  }

  /** A source whose file is UTF-8. */
  public SourceDefinition(
      String name,
      String type,
      Path file,
      String key,
      List<String> fallbackKeys,
      Map<String, String> attributes,
      Set<String> requiredAttributes,
      LifecycleColumns lifecycle) {
    this(
        name,
        type,
        file,
        key,
        fallbackKeys,
        attributes,
        requiredAttributes,
        lifecycle,
        StandardCharsets.UTF_8);
  }

  /**
   * The character encoding of that name or alias ({@code UTF-8}, {@code ISO-8859-1}, {@code
   * windows-1252}, {@code latin1}, ...; case-insensitive), for the {@code encoding} key of a
   * source.
   *
   * @throws IllegalArgumentException with a message naming the value when this Java runtime knows
   *     no such encoding
   */
  public static Charset encodingNamed(String encodingName) {
    try {
      return Charset.forName(encodingName.strip());
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      throw new IllegalArgumentException(
          "\""
              + encodingName
              + "\" is not a character encoding Java knows (for example UTF-8, ISO-8859-1,"
              + " windows-1252)",
          e);
    }
  }

  /** The employment columns, if the source reports employment. */
  public Optional<LifecycleColumns> lifecycleColumns() {
    return Optional.ofNullable(lifecycle);
  }

  /** Where the source reads from when it is not a file. */
  public Optional<SourceConnection> sourceConnection() {
    return Optional.ofNullable(connection);
  }

  /** The cron expression {@code tenure serve} imports the source by, if any. */
  public Optional<String> cronSchedule() {
    return Optional.ofNullable(schedule);
  }

  /** Whether the source is read from a file (the CLI's {@code --file} can replace it). */
  public boolean isFile() {
    return connection == null;
  }

  /**
   * How messages name where the records come from: the file's name, the table, the base DN.
   * Problems of records are located within it.
   */
  public String origin() {
    if (connection != null) {
      return connection.origin();
    }
    return file.getFileName() == null ? file.toString() : file.getFileName().toString();
  }

  /** The same source, failing a read once more than {@code share} of its rows are rejected. */
  public SourceDefinition withMaxRejectedShare(double share) {
    return new SourceDefinition(
        name,
        type,
        file,
        key,
        fallbackKeys,
        attributes,
        requiredAttributes,
        lifecycle,
        encoding,
        connection,
        schedule,
        createsIdentities,
        share);
  }

  /** The same source reading another file (the CLI's {@code --file}). */
  public SourceDefinition withFile(Path newFile) {
    return new SourceDefinition(
        name,
        type,
        newFile,
        key,
        fallbackKeys,
        attributes,
        requiredAttributes,
        lifecycle,
        encoding,
        connection,
        schedule,
        createsIdentities,
        maxRejectedShare);
  }

  /** The same source whose file is in another encoding. */
  public SourceDefinition withEncoding(Charset newEncoding) {
    return new SourceDefinition(
        name,
        type,
        file,
        key,
        fallbackKeys,
        attributes,
        requiredAttributes,
        lifecycle,
        newEncoding,
        connection,
        schedule,
        createsIdentities,
        maxRejectedShare);
  }

  /** The same source read from a connection instead of a file. */
  public SourceDefinition withConnection(String newType, SourceConnection newConnection) {
    return new SourceDefinition(
        name,
        newType,
        Path.of(""),
        key,
        fallbackKeys,
        attributes,
        requiredAttributes,
        lifecycle,
        encoding,
        newConnection,
        schedule,
        createsIdentities,
        maxRejectedShare);
  }

  /** The same source imported by {@code tenure serve} on a cron schedule (null: never). */
  public SourceDefinition withSchedule(@Nullable String cron) {
    return new SourceDefinition(
        name,
        type,
        file,
        key,
        fallbackKeys,
        attributes,
        requiredAttributes,
        lifecycle,
        encoding,
        connection,
        cron,
        createsIdentities,
        maxRejectedShare);
  }

  /**
   * The same source, making identities of records that match nobody ({@code true}) or reporting
   * them as unmatched ({@code false}).
   */
  public SourceDefinition withCreatesIdentities(boolean creates) {
    return new SourceDefinition(
        name,
        type,
        file,
        key,
        fallbackKeys,
        attributes,
        requiredAttributes,
        lifecycle,
        encoding,
        connection,
        schedule,
        creates,
        maxRejectedShare);
  }
}
