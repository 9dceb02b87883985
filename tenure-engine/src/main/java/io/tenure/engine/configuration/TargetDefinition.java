package io.tenure.engine.configuration;

import io.tenure.connector.spi.ConnectorConfiguration;
import io.tenure.core.account.TargetId;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
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
 */
public record TargetDefinition(
    TargetId id,
    String type,
    ConnectorConfiguration connector,
    String usernameExpression,
    int usernameMaxLength,
    Map<String, String> attributes,
    Duration retention,
    GuardSettings guard) {

  public TargetDefinition {
    attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
  }
}
