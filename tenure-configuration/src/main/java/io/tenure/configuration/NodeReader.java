package io.tenure.configuration;

import io.tenure.configuration.YamlTree.ListNode;
import io.tenure.configuration.YamlTree.Location;
import io.tenure.configuration.YamlTree.MapNode;
import io.tenure.configuration.YamlTree.Node;
import io.tenure.configuration.YamlTree.ScalarNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads nodes of the YAML tree as the shapes Tenure expects (a mapping, a single value, a list of
 * values). A node of another shape is a problem at the node naming its key path, and the read gives
 * {@code null}, so that a binder goes on and finds the file's other problems. Every single value
 * read has its secret references resolved.
 */
final class NodeReader {

  /** A key whose last part names a password, secret, token or credential holds a secret. */
  private static final Pattern SECRET_KEY =
      Pattern.compile(".*(password|secret|token|credential).*", Pattern.CASE_INSENSITIVE);

  private final Problems problems;
  private final SecretReferences secrets;

  NodeReader(Problems problems, SecretReferences secrets) {
    this.problems = problems;
    this.secrets = secrets;
  }

  /**
   * The secret references below {@code owner} ({@code targets.NAME}, {@code sources.NAME}) that
   * could not be resolved, see {@link SecretReferences#unresolved(String)}.
   */
  List<String> unresolvedSecrets(String owner) {
    return secrets.unresolved(owner);
  }

  /** Records a problem at {@code location} with the key {@code path} (empty for none). */
  void problem(Location location, String path, String message) {
    problems.add(location, path, message);
  }

  /** The node as a mapping, or {@code null} after reporting that it is not one. */
  @Nullable MappingReader mapping(Node node, String path) {
    if (node instanceof MapNode map) {
      return new MappingReader(map, path, this);
    }
    problem(node.location(), path, "must be a mapping (key: value lines), not " + node.describe());
    return null;
  }

  /**
   * The node's single value with references resolved; {@code null} for YAML's null, or after
   * reporting that the node is not a single value.
   */
  @Nullable String scalar(Node node, String path) {
    if (node instanceof ScalarNode scalar) {
      String text = scalar.text();
      if (text == null) {
        return null;
      }
      if (!text.isBlank() && !text.contains("${") && holdsASecret(path)) {
        problems.warn(
            scalar.location(),
            path,
            "a literal secret: whoever can read this file can read it; give it as ${env:NAME} or"
                + " ${file:PATH}");
      }
      return secrets.resolve(text, scalar.location(), path);
    }
    problem(node.location(), path, "must be a single value, not " + node.describe());
    return null;
  }

  /** Whether the key path's last part (without a list index) names a secret. */
  static boolean holdsASecret(String path) {
    String key = path.replaceAll("\\[\\d+]$", "");
    return SECRET_KEY.matcher(key.substring(key.lastIndexOf('.') + 1)).matches();
  }

  /**
   * The node's values: a list of single values, or one single value as a list of one; {@code null}
   * after reporting another shape (items that are not single values are reported and left out).
   */
  @Nullable List<String> strings(Node node, String path) {
    if (node instanceof ScalarNode scalar && scalar.text() != null) {
      String value = scalar(node, path);
      return value == null ? null : List.of(value);
    }
    if (!(node instanceof ListNode list)) {
      problem(node.location(), path, "must be a list of values, not " + node.describe());
      return null;
    }
    List<String> values = new ArrayList<>();
    for (int index = 0; index < list.items().size(); index++) {
      String value = scalar(list.items().get(index), path + "[" + index + "]");
      if (value != null) {
        values.add(value);
      }
    }
    return values;
  }

  /** The key path of {@code key} under {@code parent} (the empty path is the file's top). */
  static String join(String parent, String key) {
    return parent.isEmpty() ? key : parent + "." + key;
  }

  /** The value in double quotes, as messages show what was written. */
  static String quote(String value) {
    return "\"" + value + "\"";
  }
}
