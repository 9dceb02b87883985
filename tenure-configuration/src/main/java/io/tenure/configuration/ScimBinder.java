package io.tenure.configuration;

import static io.tenure.configuration.NodeReader.quote;

import io.tenure.engine.configuration.RoleDefinition;
import io.tenure.engine.configuration.ScimSettings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code scim: {mapping: {identityAttribute: SCIM path}, roles: [role, ...]}}: identity attributes
 * read from pushed Users (each path checked by the {@link ScimPathCheck}, each attribute declared
 * to the {@link ExpressionCheck}), and the configured roles SCIM Groups may assign.
 */
final class ScimBinder {

  private static final Set<String> KEYS = Set.of("mapping", "roles");

  private final ScimPathCheck scimPaths;
  private final ExpressionCheck expressions;

  ScimBinder(ScimPathCheck scimPaths, ExpressionCheck expressions) {
    this.scimPaths = scimPaths;
    this.expressions = expressions;
  }

  ScimSettings bind(MappingReader top, List<RoleDefinition> roles) {
    MappingReader scim = top.optionalMapping("scim");
    if (scim == null) {
      return ScimSettings.defaults();
    }
    scim.onlyKeys(KEYS);
    Set<String> assignable = assignableRoles(scim, roles);
    MappingReader mapping = scim.optionalMapping("mapping");
    if (mapping == null) {
      return new ScimSettings(Map.of(), assignable);
    }
    Map<String, String> attributes = new LinkedHashMap<>();
    mapping
        .entries()
        .forEach(
            (attribute, entry) -> {
              String path = mapping.pathOf(attribute);
              expressions.declare(attribute, entry.key().location(), path);
              String scimPath = mapping.reader().scalar(entry.value(), path);
              if (scimPath == null || scimPath.isBlank()) {
                mapping
                    .reader()
                    .problem(entry.value().location(), path, "must name a SCIM attribute path");
                return;
              }
              Optional<String> wrong = scimPaths.problem(attribute, scimPath);
              if (wrong.isPresent()) {
                mapping.reader().problem(entry.value().location(), path, wrong.get());
              } else {
                attributes.put(attribute, scimPath);
              }
            });
    return new ScimSettings(attributes, assignable);
  }

  /** {@code scim.roles}: each a configured role. */
  private static Set<String> assignableRoles(MappingReader scim, List<RoleDefinition> roles) {
    Set<String> assignable = new TreeSet<>();
    List<String> named = scim.optionalStrings("roles");
    if (named == null) {
      return assignable;
    }
    Set<String> configured = new TreeSet<>();
    roles.forEach(role -> configured.add(role.name()));
    for (int index = 0; index < named.size(); index++) {
      if (configured.contains(named.get(index))) {
        assignable.add(named.get(index));
      } else {
        scim.reader()
            .problem(
                scim.valueLocation("roles"),
                "scim.roles[" + index + "]",
                quote(named.get(index)) + " is not a configured role " + configured);
      }
    }
    return assignable;
  }
}
