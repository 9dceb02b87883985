package io.tenure.engine.configuration;

import io.tenure.connector.spi.ConnectorConfiguration;
import io.tenure.core.account.TargetId;
import io.tenure.engine.reconciliation.ReconciliationSettings;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A connected target.
 *
 * @param id the target's name
 * @param type the connector type (a {@link io.tenure.connector.spi.ConnectorFactory#type()})
 * @param connector the connector's settings
 * @param usernameExpression CEL expression over identity attributes giving the account name
 * @param usernameMaxLength the longest account name the target accepts
 * @param attributes target attribute name to CEL expression over identity attributes
 * @param retention how long a leaver's disabled account is kept before it is deleted
 * @param guard the mass-change brake
 * @param throttle how many operations may run at once and how fast (durable queue workers)
 * @param reconciliation correlation rules, per-situation policy, schedule and incremental flag of
 *     the target's reconciliation ({@code targets.X.reconciliation})
 * @param unresolvedSecrets the secret references of the target's settings that could not be
 *     resolved when the configuration was read ({@code environment variable LDAP_PASSWORD is not
 *     set (tenure.yaml:14:15: targets.directory.password)}), never a value: the target's connector
 *     fails with them when a command first uses it, so that commands that never touch the target
 *     run
 */
public record TargetDefinition(
    TargetId id,
    String type,
    ConnectorConfiguration connector,
    String usernameExpression,
    int usernameMaxLength,
    Map<String, String> attributes,
    Duration retention,
    GuardSettings guard,
    TargetThrottle throttle,
    ReconciliationSettings reconciliation,
    List<String> unresolvedSecrets) {

  public TargetDefinition {
    attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    unresolvedSecrets = List.copyOf(unresolvedSecrets);
  }

  /** A target whose secrets are all resolved. */
  public TargetDefinition(
      TargetId id,
      String type,
      ConnectorConfiguration connector,
      String usernameExpression,
      int usernameMaxLength,
      Map<String, String> attributes,
      Duration retention,
      GuardSettings guard,
      TargetThrottle throttle,
      ReconciliationSettings reconciliation) {
    this(
        id,
        type,
        connector,
        usernameExpression,
        usernameMaxLength,
        attributes,
        retention,
        guard,
        throttle,
        reconciliation,
        List.of());
  }

  /**
   * A target with the {@linkplain TargetThrottle#defaults() default throttle} and the {@linkplain
   * ReconciliationSettings#defaults() default reconciliation}.
   */
  public TargetDefinition(
      TargetId id,
      String type,
      ConnectorConfiguration connector,
      String usernameExpression,
      int usernameMaxLength,
      Map<String, String> attributes,
      Duration retention,
      GuardSettings guard) {
    this(
        id,
        type,
        connector,
        usernameExpression,
        usernameMaxLength,
        attributes,
        retention,
        guard,
        TargetThrottle.defaults(),
        ReconciliationSettings.defaults());
  }
}
