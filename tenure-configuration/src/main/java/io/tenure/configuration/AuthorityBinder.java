package io.tenure.configuration;

import static io.tenure.configuration.NodeReader.quote;

import io.tenure.configuration.YamlTree.ListNode;
import io.tenure.configuration.YamlTree.Node;
import io.tenure.core.source.AttributeAuthority;
import io.tenure.engine.configuration.SourceDefinition;
import io.tenure.engine.configuration.TenureConfiguration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code authority: { default: [hr, scim], email: [mail, hr], lifecycle: hr }}: per identity
 * attribute (or {@code default}, or {@code lifecycle}), a source name or a list of them in the
 * order they are trusted; every name a configured source or {@code scim}, none twice.
 */
final class AuthorityBinder {

  private AuthorityBinder() {}

  static Map<String, List<String>> bind(MappingReader top, List<SourceDefinition> sources) {
    MappingReader authority = top.optionalMapping("authority");
    Map<String, List<String>> orders = new TreeMap<>();
    if (authority == null) {
      return orders;
    }
    Set<String> known = new TreeSet<>();
    sources.forEach(source -> known.add(source.name()));
    Set<String> withoutEmployment = new TreeSet<>();
    sources.stream()
        .filter(source -> source.lifecycle() == null)
        .forEach(source -> withoutEmployment.add(source.name()));
    known.add(TenureConfiguration.SCIM_SOURCE);
    NodeReader reader = authority.reader();
    authority
        .entries()
        .forEach(
            (attribute, entry) -> {
              String path = authority.pathOf(attribute);
              List<String> names = names(reader, entry.value(), path);
              for (String name : names) {
                if (!known.contains(name)) {
                  reader.problem(
                      entry.value().location(), path, quote(name) + " is not a source " + known);
                  return;
                }
              }
              if (new TreeSet<>(names).size() != names.size()) {
                reader.problem(entry.value().location(), path, "names a source twice");
                return;
              }
              if (names.isEmpty()) {
                reader.problem(entry.value().location(), path, "must name at least one source");
                return;
              }
              if (attribute.equals(AttributeAuthority.LIFECYCLE)) {
                for (String name : names) {
                  if (withoutEmployment.contains(name)) {
                    reader.problem(
                        entry.value().location(),
                        path,
                        quote(name)
                            + " reports no employment (the source has no lifecycle columns)");
                    return;
                  }
                }
              }
              orders.put(attribute, names);
            });
    return orders;
  }

  /** One source name, or a list of them (each item's problems reported at the attribute's path). */
  private static List<String> names(NodeReader reader, Node node, String path) {
    List<String> names = new ArrayList<>();
    List<Node> items = node instanceof ListNode list ? list.items() : List.of(node);
    for (Node item : items) {
      String name = reader.scalar(item, path);
      if (name != null) {
        names.add(name.trim());
      }
    }
    return names;
  }
}
