package io.tenure.configuration;

import io.tenure.configuration.YamlTree.Location;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Replaces the references in a value by what they name: {@code ${env:NAME}} by an environment
 * variable, {@code ${file:path}} by a file's content without its trailing line break (relative
 * paths resolve against the configuration file's folder). A reference may be embedded in other
 * text. A reference that cannot be resolved is a problem at the value, naming the variable or file
 * but never printing a value.
 *
 * <p>A reference in the connector settings of a target ({@code targets.NAME.password}) or the
 * connection settings of a source ({@code sources.NAME.password}) that cannot be resolved is not a
 * problem of the file: it is {@linkplain #unresolved(String) kept for that target or source}, which
 * fails when a command uses it, so that commands that never touch it ({@code audit}, {@code plans},
 * {@code token}) run without its secret. Elsewhere (the {@code store}, which every command uses) it
 * is a problem at once.
 */
final class SecretReferences {

  private static final Pattern REFERENCE = Pattern.compile("\\$\\{(env|file):([^}]*)}");

  private final Function<String, @Nullable String> environment;
  private final Path folder;
  private final Problems problems;
  private final Map<String, List<String>> unresolved = new HashMap<>();

  SecretReferences(Function<String, @Nullable String> environment, Path folder, Problems problems) {
    this.environment = environment;
    this.folder = folder;
    this.problems = problems;
  }

  /**
   * The text with its references resolved; an unresolvable reference becomes the empty text after
   * reporting a problem at {@code location} for key {@code path}.
   */
  String resolve(String text, Location location, String path) {
    Matcher matcher = REFERENCE.matcher(text);
    if (!matcher.find()) {
      return text;
    }
    StringBuilder resolved = new StringBuilder();
    matcher.reset();
    while (matcher.find()) {
      String kind = matcher.group(1);
      String name = matcher.group(2).trim();
      String value =
          kind.equals("env")
              ? environmentValue(name, location, path)
              : fileValue(name, location, path);
      matcher.appendReplacement(resolved, Matcher.quoteReplacement(value));
    }
    matcher.appendTail(resolved);
    return resolved.toString();
  }

  /**
   * What could not be resolved in the settings of {@code owner} ({@code targets.directory}, {@code
   * sources.hr}): one text per reference naming the variable or file and the value's place, such as
   * {@code environment variable LDAP_PASSWORD is not set (tenure.yaml:14:15:
   * targets.directory.password)}; empty when all were resolved.
   */
  List<String> unresolved(String owner) {
    return List.copyOf(unresolved.getOrDefault(owner, List.of()));
  }

  private String environmentValue(String name, Location location, String path) {
    String value = name.isEmpty() ? null : environment.apply(name);
    if (value == null) {
      unresolvable(
          location,
          path,
          "environment variable " + (name.isEmpty() ? "(no name)" : name) + " is not set");
      return "";
    }
    return value;
  }

  private void unresolvable(Location location, String path, String message) {
    String owner = owner(path);
    if (owner == null) {
      problems.add(location, path, message);
      return;
    }
    unresolved
        .computeIfAbsent(owner, key -> new ArrayList<>())
        .add(message + " (" + problems.place(location, path) + ")");
  }

  /**
   * {@code targets.NAME} for a connector setting of a target, {@code sources.NAME} for a connection
   * setting of a source (what only reaching that system needs); null for every other value, whose
   * reference must resolve at once (Tenure's own keys: expressions, files, durations).
   */
  private static @Nullable String owner(String path) {
    String[] parts = path.split("[.\\[]", 4);
    if (parts.length < 3) {
      return null;
    }
    String key = parts[2];
    boolean connectorSetting = parts[0].equals("targets") && !TargetBinder.KEYS.contains(key);
    boolean connectionSetting =
        parts[0].equals("sources")
            && (JdbcSourceBinder.KEYS.contains(key) || LdapSourceBinder.KEYS.contains(key));
    return connectorSetting || connectionSetting ? parts[0] + "." + parts[1] : null;
  }

  private String fileValue(String name, Location location, String path) {
    Path file = folder.resolve(name).normalize();
    try {
      String content = Files.readString(file, StandardCharsets.UTF_8);
      return content.endsWith("\r\n")
          ? content.substring(0, content.length() - 2)
          : content.endsWith("\n") ? content.substring(0, content.length() - 1) : content;
    } catch (IOException e) {
      unresolvable(location, path, "cannot read the secret file " + file);
      return "";
    }
  }
}
