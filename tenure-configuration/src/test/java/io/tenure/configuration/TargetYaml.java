package io.tenure.configuration;

import io.tenure.engine.configuration.TargetDefinition;
import io.tenure.engine.configuration.TenureConfiguration;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/** A minimal tenure.yaml with one LDAP target, {@code directory}, for tests of a target's keys. */
final class TargetYaml {

  /** The target's block; a test appends its keys indented by four spaces. */
  static final String TARGET =
      """
      targets:
        directory:
          type: ldap
          username: givenName
      """;

  private static final YamlConfigurationLoader LOADER =
      new YamlConfigurationLoader(Map.<String, String>of()::get, Set.of());

  private TargetYaml() {}

  /** Parses {@code yaml} as a tenure.yaml in /etc/tenure without any variable. */
  static TenureConfiguration parse(String yaml) {
    return LOADER.parse(yaml, "tenure.yaml", Path.of("/etc/tenure"));
  }

  /** The first (only) target of {@code yaml}. */
  static TargetDefinition directory(String yaml) {
    return parse(yaml).targets().get(0);
  }
}
