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
import java.util.Set;

/**
 * An authoritative source of people, for now a CSV file with a header row.
 *
 * @param name the source's name in the configuration
 * @param type the source type ({@code csv})
 * @param file the file, resolved against the configuration file's folder
 * @param key the identity attribute to correlate on first (for example {@code employeeId})
 * @param fallbackKeys identity attributes to correlate on when the key finds nothing
 * @param attributes identity attribute name to the source column that feeds it, in order; a value
 *     that is not a plain column name is a CEL expression over the row's columns
 * @param requiredAttributes identity attributes a row must have; a row without one is rejected
 * @param lifecycle which columns carry employment status and dates
 * @param encoding the character encoding of the file ({@code UTF-8} unless configured); a byte
 *     sequence that is not valid in it rejects only the row that holds it
 */
public record SourceDefinition(
    String name,
    String type,
    Path file,
    String key,
    List<String> fallbackKeys,
    Map<String, String> attributes,
    Set<String> requiredAttributes,
    LifecycleColumns lifecycle,
    Charset encoding) {

  public SourceDefinition {
    fallbackKeys = List.copyOf(fallbackKeys);
    attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    requiredAttributes = Set.copyOf(requiredAttributes);
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
        encoding);
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
        newEncoding);
  }
}
