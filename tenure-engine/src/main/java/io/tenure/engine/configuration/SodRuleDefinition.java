package io.tenure.engine.configuration;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A separation-of-duties rule ({@code sod: [{name, roles, severity, exceptions, approval}]}): the
 * roles named must not be held together by one person.
 *
 * @param name the rule's name, given in every refusal and violation
 * @param roles two or more configured roles
 * @param severity how bad a violation is
 * @param exceptions whether a conflicting request may be granted as an exception (with a
 *     justification and an end date, approved through {@code approval})
 * @param approval the approval chain of an exception (same words as a role's {@code approval})
 */
public record SodRuleDefinition(
    String name, List<String> roles, Severity severity, boolean exceptions, List<String> approval) {

  /** How bad a violation is. */
  public enum Severity {
    LOW,
    MEDIUM,
    HIGH,
    CRITICAL;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public SodRuleDefinition {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(severity, "severity");
    roles = List.copyOf(roles);
    approval = List.copyOf(approval);
  }
}
