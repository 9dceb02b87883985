package io.tenure.connector.connid;

import io.tenure.connector.spi.ConnectorException;
import io.tenure.connector.spi.ErrorKind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.identityconnectors.framework.common.objects.Attribute;
import org.identityconnectors.framework.common.objects.AttributeBuilder;
import org.identityconnectors.framework.common.objects.ConnectorObject;
import org.identityconnectors.framework.common.objects.Name;
import org.identityconnectors.framework.common.objects.ObjectClass;
import org.identityconnectors.framework.common.objects.OperationOptions;
import org.identityconnectors.framework.common.objects.OperationOptionsBuilder;
import org.identityconnectors.framework.common.objects.filter.Filter;
import org.identityconnectors.framework.common.objects.filter.FilterBuilder;

/**
 * Entitlements as group objects: an entitlement is the group whose {@code nameAttribute} equals its
 * name; an account holds it while the group's {@code memberAttribute} holds the account's {@code
 * __NAME__} (or {@code __UID__}). Membership is asked of the bundle with a filter on the member
 * attribute, so the target compares member values by its own rules (DNs in LDAP). A grant creates a
 * missing group with the account as its first member when {@code entitlements.create}; revoking the
 * last member deletes the group when {@code entitlements.deleteEmpty}. Thread-safe.
 */
final class GroupEntitlements implements Entitlements {

  private static final int MOST_GROUPS_READ = 10_000;

  private final EntitlementSettings settings;
  private final ConnIdBundle bundle;
  private final ObjectChanges changes;
  private final ValueRules rules;
  private final ObjectClass groups;
  private final OperationOptions groupOptions;

  GroupEntitlements(
      EntitlementSettings settings, ConnIdBundle bundle, ObjectChanges changes, ValueRules rules) {
    this.settings = settings;
    this.bundle = bundle;
    this.changes = changes;
    this.rules = rules;
    this.groups = new ObjectClass(settings.objectClass());
    List<String> attributes = new ArrayList<>(List.of(settings.memberAttribute()));
    if (!settings.nameAttribute().equals(Name.NAME)) {
      attributes.add(settings.nameAttribute());
    }
    this.groupOptions = new OperationOptionsBuilder().setAttributesToGet(attributes).build();
  }

  @Override
  public Set<String> accountAttributes() {
    return Set.of();
  }

  @Override
  public Set<String> read(ConnectorObject account) {
    Set<String> names = new LinkedHashSet<>();
    for (ConnectorObject group : search("read of entitlements", memberFilter(account))) {
      names.add(groupName(group));
    }
    return names;
  }

  @Override
  public void grant(ConnectorObject account, String entitlement) {
    rules.checkName(bundle.errors(), "entitlement", entitlement);
    if (held(account, entitlement).isPresent()) {
      return;
    }
    String attempted = "grant of '" + entitlement + "'";
    Optional<ConnectorObject> group = find(entitlement);
    if (group.isEmpty()) {
      if (!settings.createGroups()) {
        throw bundle
            .errors()
            .failure(ErrorKind.NOT_FOUND, attempted + " failed: no such entitlement");
      }
      try {
        createGroup(entitlement, memberValue(account));
        return;
      } catch (ConnectorException e) {
        group = find(entitlement);
        if (e.kind() != ErrorKind.ALREADY_EXISTS || group.isEmpty()) {
          throw e;
        }
      }
    }
    changes.add(
        attempted,
        groups,
        group.get(),
        settings.memberAttribute(),
        List.of(memberValue(account)),
        ValueRules.NONE);
  }

  @Override
  public void revoke(ConnectorObject account, String entitlement) {
    Optional<ConnectorObject> group = held(account, entitlement);
    if (group.isPresent()) {
      leave(account, group.get(), "revoke of '" + entitlement + "'");
    }
  }

  @Override
  public void revokeAll(ConnectorObject account) {
    for (ConnectorObject group : search("read of entitlements", memberFilter(account))) {
      leave(account, group, "revoke of '" + groupName(group) + "'");
    }
  }

  private void leave(ConnectorObject account, ConnectorObject group, String attempted) {
    int members = ObjectChanges.currentValues(group, settings.memberAttribute()).size();
    if (settings.deleteEmptyGroups() && members <= 1) {
      try {
        bundle.run(attempted, () -> bundle.facade().delete(groups, group.getUid(), null));
      } catch (ConnectorException e) {
        if (e.kind() != ErrorKind.NOT_FOUND) {
          throw e;
        }
      }
      return;
    }
    changes.remove(
        attempted,
        groups,
        group,
        settings.memberAttribute(),
        List.of(memberValue(account)),
        ValueRules.NONE);
  }

  private void createGroup(String entitlement, String member) {
    Set<Attribute> attributes = new HashSet<>();
    attributes.add(new Name(settings.nameTemplate().format(entitlement)));
    if (!settings.nameAttribute().equals(Name.NAME)) {
      attributes.add(AttributeBuilder.build(settings.nameAttribute(), entitlement));
    }
    attributes.add(AttributeBuilder.build(settings.memberAttribute(), member));
    bundle.call(
        "creation of the entitlement '" + entitlement + "'",
        () -> bundle.facade().create(groups, attributes, null));
  }

  /** The group of the entitlement, if the account is its member. */
  private Optional<ConnectorObject> held(ConnectorObject account, String entitlement) {
    Filter filter = FilterBuilder.and(nameFilter(entitlement), memberFilter(account));
    return named(search("read of '" + entitlement + "'", filter), entitlement);
  }

  private Optional<ConnectorObject> find(String entitlement) {
    return named(search("read of '" + entitlement + "'", nameFilter(entitlement)), entitlement);
  }

  /** The group named exactly (ignoring case) so, whatever the bundle's filter matched. */
  private Optional<ConnectorObject> named(List<ConnectorObject> found, String entitlement) {
    return found.stream()
        .filter(group -> groupName(group).equalsIgnoreCase(entitlement))
        .findFirst();
  }

  private Filter nameFilter(String entitlement) {
    return FilterBuilder.equalTo(
        settings.nameAttribute().equals(Name.NAME)
            ? new Name(entitlement)
            : AttributeBuilder.build(settings.nameAttribute(), entitlement));
  }

  private Filter memberFilter(ConnectorObject account) {
    return FilterBuilder.containsAllValues(
        AttributeBuilder.build(settings.memberAttribute(), memberValue(account)));
  }

  private String memberValue(ConnectorObject account) {
    return settings.member() == EntitlementSettings.Member.UID
        ? account.getUid().getUidValue()
        : account.getName().getNameValue();
  }

  private String groupName(ConnectorObject group) {
    if (!settings.nameAttribute().equals(Name.NAME)) {
      List<String> values = ObjectChanges.currentValues(group, settings.nameAttribute());
      if (!values.isEmpty()) {
        return values.get(0);
      }
    }
    return group.getName().getNameValue();
  }

  private List<ConnectorObject> search(String attempted, Filter filter) {
    List<ConnectorObject> found = new ArrayList<>();
    bundle.run(
        attempted,
        () ->
            bundle
                .facade()
                .search(
                    groups,
                    filter,
                    group -> {
                      found.add(group);
                      return found.size() < MOST_GROUPS_READ;
                    },
                    groupOptions));
    return found;
  }
}
