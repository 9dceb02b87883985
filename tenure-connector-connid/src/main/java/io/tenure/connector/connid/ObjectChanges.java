package io.tenure.connector.connid;

import io.tenure.connector.spi.ErrorKind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.identityconnectors.framework.api.operations.UpdateApiOp;
import org.identityconnectors.framework.api.operations.UpdateDeltaApiOp;
import org.identityconnectors.framework.common.objects.Attribute;
import org.identityconnectors.framework.common.objects.AttributeBuilder;
import org.identityconnectors.framework.common.objects.AttributeDelta;
import org.identityconnectors.framework.common.objects.AttributeDeltaBuilder;
import org.identityconnectors.framework.common.objects.ConnectorObject;
import org.identityconnectors.framework.common.objects.ObjectClass;
import org.identityconnectors.framework.common.objects.OperationalAttributes;

/**
 * Changes attributes of an existing object through whichever update the bundle has. Replacements go
 * through ConnId's {@code update} (else {@code updateDelta}); adding and removing values through
 * {@code updateDelta} (else the attribute is replaced with its current values plus or minus the
 * given ones, compared ignoring case).
 *
 * <p>With {@code update}, the object's current {@code __ENABLE__} is sent along unless it is being
 * changed: some bundles (csvdir) reset every operational attribute an update does not name.
 */
final class ObjectChanges {

  private final ConnIdBundle bundle;

  ObjectChanges(ConnIdBundle bundle) {
    this.bundle = bundle;
  }

  /** Whether the bundle can change objects at all. */
  boolean supported() {
    return bundle.supports(UpdateDeltaApiOp.class) || bundle.supports(UpdateApiOp.class);
  }

  /**
   * Replaces the values of each attribute; an empty list removes the attribute. Tenure's deltas are
   * replacements, which is what ConnId's {@code update} does, so it is used when the bundle has it.
   * With {@code updateDelta} only, an empty list becomes the removal of the values the object was
   * read with (an LDAP bundle ignores an empty replacement).
   *
   * @param attempted what is being done, for messages
   */
  void replace(
      String attempted,
      ObjectClass objectClass,
      ConnectorObject current,
      Map<String, List<Object>> replacements) {
    if (replacements.isEmpty()) {
      return;
    }
    if (bundle.supports(UpdateApiOp.class)) {
      Set<Attribute> attributes = new HashSet<>();
      replacements.forEach(
          (attribute, values) -> attributes.add(AttributeBuilder.build(attribute, values)));
      Attribute enabled = current.getAttributeByName(OperationalAttributes.ENABLE_NAME);
      if (enabled != null
          && enabled.getValue() != null
          && !enabled.getValue().isEmpty()
          && !containsIgnoringCase(replacements.keySet(), OperationalAttributes.ENABLE_NAME)) {
        attributes.add(enabled);
      }
      bundle.run(
          attempted, () -> bundle.facade().update(objectClass, current.getUid(), attributes, null));
      return;
    }
    requireUpdateDelta(attempted);
    Set<AttributeDelta> deltas = new HashSet<>();
    replacements.forEach(
        (attribute, values) -> {
          if (!values.isEmpty()) {
            deltas.add(AttributeDeltaBuilder.build(attribute, values));
          } else if (!currentValues(current, attribute).isEmpty()) {
            deltas.add(
                AttributeDeltaBuilder.build(
                    attribute, null, new ArrayList<Object>(currentValues(current, attribute))));
          }
        });
    if (!deltas.isEmpty()) {
      bundle.run(
          attempted,
          () -> bundle.facade().updateDelta(objectClass, current.getUid(), deltas, null));
    }
  }

  /** Adds values to a multi-valued attribute. */
  void add(
      String attempted,
      ObjectClass objectClass,
      ConnectorObject current,
      String attribute,
      List<Object> values,
      ValueRules rules) {
    if (bundle.supports(UpdateDeltaApiOp.class) && rules.joinWith() == null) {
      AttributeDelta delta = AttributeDeltaBuilder.build(attribute, values, null);
      bundle.run(
          attempted,
          () -> bundle.facade().updateDelta(objectClass, current.getUid(), Set.of(delta), null));
      return;
    }
    List<String> after = currentValues(current, attribute);
    for (Object value : values) {
      if (!containsIgnoringCase(after, value.toString())) {
        after.add(value.toString());
      }
    }
    replace(
        attempted,
        objectClass,
        current,
        Map.of(attribute, rules.outgoing(bundle.errors(), attribute, after)));
  }

  /** Removes values from a multi-valued attribute. */
  void remove(
      String attempted,
      ObjectClass objectClass,
      ConnectorObject current,
      String attribute,
      List<Object> values,
      ValueRules rules) {
    if (bundle.supports(UpdateDeltaApiOp.class) && rules.joinWith() == null) {
      AttributeDelta delta = AttributeDeltaBuilder.build(attribute, null, values);
      bundle.run(
          attempted,
          () -> bundle.facade().updateDelta(objectClass, current.getUid(), Set.of(delta), null));
      return;
    }
    List<String> after = new ArrayList<>();
    List<String> removed = values.stream().map(Object::toString).toList();
    for (String value : currentValues(current, attribute)) {
      if (!containsIgnoringCase(removed, value)) {
        after.add(value);
      }
    }
    Map<String, List<Object>> replacement = new LinkedHashMap<>();
    replacement.put(attribute, rules.outgoing(bundle.errors(), attribute, after));
    replace(attempted, objectClass, current, replacement);
  }

  private void requireUpdateDelta(String attempted) {
    if (!bundle.supports(UpdateDeltaApiOp.class)) {
      throw bundle
          .errors()
          .failure(ErrorKind.CONFIGURATION, attempted + ": the bundle cannot update objects");
    }
  }

  /** The attribute's values as text; empty when absent. */
  static List<String> currentValues(ConnectorObject object, String attribute) {
    List<String> values = new ArrayList<>();
    Attribute current = object.getAttributeByName(attribute);
    if (current != null && current.getValue() != null) {
      for (Object value : current.getValue()) {
        if (value != null && !value.toString().isEmpty()) {
          values.add(value.toString());
        }
      }
    }
    return values;
  }

  static boolean containsIgnoringCase(Iterable<String> values, String wanted) {
    String lower = wanted.toLowerCase(Locale.ROOT);
    for (String value : values) {
      if (value.toLowerCase(Locale.ROOT).equals(lower)) {
        return true;
      }
    }
    return false;
  }
}
