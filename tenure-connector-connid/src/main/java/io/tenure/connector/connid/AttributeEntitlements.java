package io.tenure.connector.connid;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.identityconnectors.framework.common.objects.ConnectorObject;
import org.identityconnectors.framework.common.objects.ObjectClass;

/**
 * Entitlements held in a multi-valued account attribute (a CSV column, ConnId LDAP's {@code
 * ldapGroups}); each value is the entitlement name through {@code entitlements.valueTemplate}.
 * Values that do not have the template's shape are not entitlements Tenure manages and are kept.
 */
final class AttributeEntitlements implements Entitlements {

  private final EntitlementSettings settings;
  private final ObjectClass accounts;
  private final ObjectChanges changes;
  private final ValueRules rules;

  AttributeEntitlements(
      EntitlementSettings settings, ObjectClass accounts, ObjectChanges changes, ValueRules rules) {
    this.settings = settings;
    this.accounts = accounts;
    this.changes = changes;
    this.rules = rules;
  }

  @Override
  public Set<String> accountAttributes() {
    return Set.of(settings.attribute());
  }

  @Override
  public Set<String> read(ConnectorObject account) {
    Set<String> entitlements = new LinkedHashSet<>();
    for (String value : ObjectChanges.currentValues(account, settings.attribute())) {
      settings.valueTemplate().parse(value).ifPresent(entitlements::add);
    }
    return entitlements;
  }

  @Override
  public void grant(ConnectorObject account, String entitlement) {
    if (ObjectChanges.containsIgnoringCase(read(account), entitlement)) {
      return;
    }
    changes.add(
        "grant of '" + entitlement + "'",
        accounts,
        account,
        settings.attribute(),
        List.of(settings.valueTemplate().format(entitlement)),
        rules);
  }

  @Override
  public void revoke(ConnectorObject account, String entitlement) {
    if (!ObjectChanges.containsIgnoringCase(read(account), entitlement)) {
      return;
    }
    List<Object> held = new java.util.ArrayList<>();
    for (String value : ObjectChanges.currentValues(account, settings.attribute())) {
      if (settings.valueTemplate().parse(value).filter(entitlement::equalsIgnoreCase).isPresent()) {
        held.add(value);
      }
    }
    changes.remove(
        "revoke of '" + entitlement + "'", accounts, account, settings.attribute(), held, rules);
  }

  @Override
  public void revokeAll(ConnectorObject account) {
    // the values live on the account itself and go with it
  }
}
