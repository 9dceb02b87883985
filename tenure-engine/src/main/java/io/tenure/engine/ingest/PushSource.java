package io.tenure.engine.ingest;

import io.tenure.core.correlation.CorrelationRule;
import java.util.Objects;
import java.util.Set;

/**
 * A source that pushes one person's record at a time (a SCIM client, ...), as {@link SourcePush}
 * handles it.
 *
 * @param name the source's name, as attribute authority knows it ({@code scim})
 * @param label how messages name the source ({@code SCIM})
 * @param provided the identity attributes the source provides: a push replaces all of them (one it
 *     gives no value for is removed from the source's values)
 * @param correlation how a pushed record is matched to a stored identity
 * @param auditedAttribute the attribute whose pushed value the audit events carry as a detail of
 *     that name ({@code userName})
 */
public record PushSource(
    String name,
    String label,
    Set<String> provided,
    CorrelationRule correlation,
    String auditedAttribute) {

  public PushSource {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(label, "label");
    provided = Set.copyOf(provided);
    Objects.requireNonNull(correlation, "correlation");
    Objects.requireNonNull(auditedAttribute, "auditedAttribute");
  }
}
