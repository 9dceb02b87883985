package io.tenure.configuration;

import io.tenure.configuration.YamlTree.Location;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 */
final class SecretReferences {

  private static final Pattern REFERENCE = Pattern.compile("\\$\\{(env|file):([^}]*)}");

  private final Function<String, @Nullable String> environment;
  private final Path folder;
  private final Problems problems;

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

  private String environmentValue(String name, Location location, String path) {
    String value = name.isEmpty() ? null : environment.apply(name);
    if (value == null) {
      problems.add(
          location,
          path,
          "environment variable " + (name.isEmpty() ? "(no name)" : name) + " is not set");
      return "";
    }
    return value;
  }

  private String fileValue(String name, Location location, String path) {
    Path file = folder.resolve(name).normalize();
    try {
      String content = Files.readString(file, StandardCharsets.UTF_8);
      return content.endsWith("\r\n")
          ? content.substring(0, content.length() - 2)
          : content.endsWith("\n") ? content.substring(0, content.length() - 1) : content;
    } catch (IOException e) {
      problems.add(location, path, "cannot read the secret file " + file);
      return "";
    }
  }
}
