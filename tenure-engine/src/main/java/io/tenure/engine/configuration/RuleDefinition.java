package io.tenure.engine.configuration;

import java.util.List;

/** A birthright rule as configured: when the CEL condition holds, the roles are granted. */
public record RuleDefinition(String name, String when, List<String> grant) {

  public RuleDefinition {
    grant = List.copyOf(grant);
  }
}
