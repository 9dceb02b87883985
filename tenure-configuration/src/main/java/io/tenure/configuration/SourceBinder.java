package io.tenure.configuration;

import static io.tenure.configuration.NodeReader.quote;

import io.tenure.configuration.YamlTree.Key;
import io.tenure.configuration.YamlTree.Node;
import io.tenure.engine.configuration.LifecycleColumns;
import io.tenure.engine.configuration.SourceConnection;
import io.tenure.engine.configuration.SourceDefinition;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.springframework.scheduling.support.CronExpression;

/**
 * {@code sources.NAME}: an authoritative feed (a CSV {@code file} in {@code encoding}, UTF-8 by
 * default; a {@linkplain JdbcSourceBinder JDBC table}; an {@linkplain LdapSourceBinder LDAP
 * directory}), the identity attributes it feeds, the keys it correlates on, its optional
 * {@linkplain SourceLifecycleBinder lifecycle columns} (a source without them only contributes
 * attributes), when {@code tenure serve} imports it ({@code schedule}, cron with six fields) and
 * what a record that matches nobody does ({@code unmatched: create}, the default, or {@code
 * report}). Every identity attribute it names is declared to the {@link ExpressionCheck}, even when
 * the source has problems, so that expressions are not reported for naming it.
 */
final class SourceBinder {

  /** The keys every source has, whatever its type. */
  private static final Set<String> COMMON_KEYS =
      Set.of(
          "type",
          "key",
          "fallbackKeys",
          "attributes",
          "requiredAttributes",
          "lifecycle",
          "schedule",
          "unmatched",
          "maxRejectedShare");

  private static final Set<String> FILE_KEYS = Set.of("file", "encoding");

  private static final Set<String> TYPES = Set.of(SourceDefinition.CSV, "jdbc", "ldap");

  private final NodeReader reader;
  private final Path folder;
  private final ExpressionCheck expressions;

  /**
   * @param folder the folder the source's file resolves against
   */
  SourceBinder(NodeReader reader, Path folder, ExpressionCheck expressions) {
    this.reader = reader;
    this.folder = folder;
    this.expressions = expressions;
  }

  /** The source named {@code name}, or {@code null} when it has problems that make it unusable. */
  @Nullable SourceDefinition bind(String name, Node node) {
    MappingReader source = reader.mapping(node, "sources." + name);
    if (source == null) {
      return null;
    }
    String type = source.optionalString("type");
    if (type == null) {
      type = SourceDefinition.CSV;
    } else if (!TYPES.contains(type)) {
      source.problemAt(
          "type", quote(type) + " is not a source type Tenure knows " + new TreeSet<>(TYPES));
      return null;
    }
    Set<String> allowed = new HashSet<>(COMMON_KEYS);
    allowed.addAll(
        switch (type) {
          case "jdbc" -> JdbcSourceBinder.KEYS;
          case "ldap" -> LdapSourceBinder.KEYS;
          default -> FILE_KEYS;
        });
    source.onlyKeys(allowed);
    SourceConnection connection =
        switch (type) {
          case "jdbc" -> JdbcSourceBinder.bind(source);
          case "ldap" -> LdapSourceBinder.bind(source);
          default -> null;
        };
    String file = type.equals(SourceDefinition.CSV) ? source.requiredString("file") : "";
    Charset encoding = StandardCharsets.UTF_8;
    String encodingName = source.optionalString("encoding");
    if (encodingName != null) {
      try {
        encoding = SourceDefinition.encodingNamed(encodingName);
      } catch (IllegalArgumentException e) {
        source.problemAt("encoding", e.getMessage());
      }
    }
    String key = source.requiredString("key");
    List<String> fallbackKeys = source.optionalStrings("fallbackKeys");
    Map<String, String> attributes = source.stringMap("attributes", true);
    for (Key attribute : source.keysUnder("attributes")) {
      expressions.declare(
          attribute.name(),
          attribute.location(),
          source.pathOf("attributes") + "." + attribute.name());
    }
    List<String> required = source.optionalStrings("requiredAttributes");
    if (key != null && !attributes.isEmpty() && !attributes.containsKey(key)) {
      source.problemAt(
          "key", quote(key) + " is not one of the source's attributes " + attributes.keySet());
    }
    if (fallbackKeys != null) {
      for (String fallback : fallbackKeys) {
        if (!attributes.isEmpty() && !attributes.containsKey(fallback)) {
          source.problemAt(
              "fallbackKeys",
              quote(fallback) + " is not one of the source's attributes " + attributes.keySet());
        }
      }
    }
    LifecycleColumns lifecycle = null;
    if (source.has("lifecycle")) {
      lifecycle = SourceLifecycleBinder.bind(source);
      if (lifecycle == null) {
        return null;
      }
    }
    String schedule = schedule(source);
    boolean creates = createsIdentities(source);
    double maxRejectedShare = maxRejectedShare(source);
    if (file == null || key == null || (connection == null && !type.equals(SourceDefinition.CSV))) {
      return null;
    }
    return new SourceDefinition(
        name,
        type,
        connection == null ? folder.resolve(file).normalize() : Path.of(""),
        key,
        fallbackKeys == null ? List.of() : fallbackKeys,
        attributes,
        required == null ? Set.of() : new LinkedHashSet<>(required),
        lifecycle,
        encoding,
        connection,
        schedule,
        creates,
        maxRejectedShare);
  }

  /**
   * {@code maxRejectedShare}: the share of rows (0 to 1, or a percentage such as {@code 20%}) that
   * may be rejected before the file counts as unusable; 1 by default (every row).
   */
  private static double maxRejectedShare(MappingReader source) {
    String text = source.optionalString("maxRejectedShare");
    if (text == null) {
      return 1.0;
    }
    String trimmed = text.trim();
    try {
      double share =
          trimmed.endsWith("%")
              ? Double.parseDouble(trimmed.substring(0, trimmed.length() - 1).trim()) / 100
              : Double.parseDouble(trimmed);
      if (share >= 0 && share <= 1) {
        return share;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    source.problemAt(
        "maxRejectedShare",
        quote(text) + " is not a share between 0 and 1 (such as 0.2) or a percentage (20%)");
    return 1.0;
  }

  /** {@code schedule}: a cron expression with six fields, as db-scheduler reads it. */
  private static @Nullable String schedule(MappingReader source) {
    String schedule = source.optionalString("schedule");
    if (schedule != null && !CronExpression.isValidExpression(schedule.trim())) {
      source.problemAt(
          "schedule",
          quote(schedule)
              + " is not a cron expression with six fields (second minute hour day-of-month"
              + " month day-of-week) such as \"0 */15 * * * *\"");
      return null;
    }
    return schedule == null ? null : schedule.trim();
  }

  /** {@code unmatched: create | report}: whether a record that matches nobody makes an identity. */
  private static boolean createsIdentities(MappingReader source) {
    String unmatched = source.optionalString("unmatched");
    if (unmatched == null || unmatched.equals("create")) {
      return true;
    }
    if (!unmatched.equals("report")) {
      source.problemAt("unmatched", quote(unmatched) + " is not one of create, report");
    }
    return false;
  }
}
