package io.tenure.connector.connid;

import io.tenure.connector.spi.AccountReference;
import io.tenure.connector.spi.ErrorKind;
import io.tenure.connector.spi.RemoteAccount;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.identityconnectors.common.security.GuardedByteArray;
import org.identityconnectors.common.security.GuardedString;
import org.identityconnectors.framework.api.operations.SchemaApiOp;
import org.identityconnectors.framework.common.objects.Attribute;
import org.identityconnectors.framework.common.objects.AttributeBuilder;
import org.identityconnectors.framework.common.objects.AttributeInfo;
import org.identityconnectors.framework.common.objects.ConnectorObject;
import org.identityconnectors.framework.common.objects.Name;
import org.identityconnectors.framework.common.objects.ObjectClass;
import org.identityconnectors.framework.common.objects.ObjectClassInfo;
import org.identityconnectors.framework.common.objects.OperationOptions;
import org.identityconnectors.framework.common.objects.OperationOptionsBuilder;
import org.identityconnectors.framework.common.objects.Uid;
import org.identityconnectors.framework.common.objects.filter.Filter;
import org.identityconnectors.framework.common.objects.filter.FilterBuilder;
import org.jspecify.annotations.Nullable;

/**
 * Reads accounts from the bundle: finds them by name or uid, and turns a ConnId object into a
 * {@link RemoteAccount}. The account name is the value of {@code accounts.nameAttribute}; the
 * native id is the {@code __UID__}. The attributes of a remote account are the object's plain
 * attributes: ConnId's {@code __SPECIAL__} ones, the enabled and entitlement attributes, anything
 * whose name contains "password" and guarded values are left out; a name is spelled as configured
 * (or as the schema spells it), whatever case the bundle answers in. Thread-safe.
 */
final class AccountObjects {

  private final ConnIdSettings settings;
  private final ConnIdBundle bundle;
  private final ObjectClass objectClass;
  private final Set<String> requiredAttributes;
  private volatile @Nullable OperationOptions readOptions;
  private volatile Map<String, String> spellings = Map.of();

  /**
   * @param requiredAttributes attributes every read must return besides the configured ones (the
   *     entitlement attribute)
   */
  AccountObjects(ConnIdSettings settings, ConnIdBundle bundle, Set<String> requiredAttributes) {
    this.settings = settings;
    this.bundle = bundle;
    this.objectClass = new ObjectClass(settings.accountObjectClass());
    Set<String> required = new LinkedHashSet<>(requiredAttributes);
    if (!settings.nameAttribute().equals(Name.NAME)) {
      required.add(settings.nameAttribute());
    }
    if (settings.enabled().style() != EnabledMapping.Style.NONE) {
      required.add(settings.enabled().attribute());
    }
    this.requiredAttributes = Set.copyOf(required);
  }

  ObjectClass objectClass() {
    return objectClass;
  }

  /**
   * The options of every read: the configured attributes, or those the bundle's schema returns by
   * default, plus the required ones. Asked from the bundle once, on the first read.
   */
  OperationOptions readOptions() {
    OperationOptions options = readOptions;
    if (options == null) {
      Set<String> attributes = new LinkedHashSet<>(settings.readAttributes());
      if (attributes.isEmpty() && bundle.supports(SchemaApiOp.class)) {
        ObjectClassInfo info =
            bundle
                .call("reading the schema", () -> bundle.facade().schema())
                .findObjectClassInfo(objectClass.getObjectClassValue());
        if (info != null) {
          for (AttributeInfo attribute : info.getAttributeInfo()) {
            if (attribute.isReturnedByDefault()) {
              attributes.add(attribute.getName());
            }
          }
        }
      }
      OperationOptionsBuilder builder = new OperationOptionsBuilder();
      if (!attributes.isEmpty()) {
        attributes.addAll(requiredAttributes);
        builder.setAttributesToGet(attributes);
      }
      Map<String, String> known = new TreeMap<>();
      for (String attribute : attributes) {
        known.putIfAbsent(attribute.toLowerCase(Locale.ROOT), attribute);
      }
      spellings = Map.copyOf(known);
      options = builder.build();
      readOptions = options;
    }
    return options;
  }

  /** The account whose name attribute equals the name (ignoring case), if any. */
  Optional<ConnectorObject> findByName(String name) {
    Attribute value =
        settings.nameAttribute().equals(Name.NAME)
            ? new Name(name)
            : AttributeBuilder.build(settings.nameAttribute(), name);
    List<ConnectorObject> found = search("find of '" + name + "'", FilterBuilder.equalTo(value));
    ConnectorObject ignoringCase = null;
    for (ConnectorObject object : found) {
      String candidate = nameOf(object);
      if (candidate.equals(name)) {
        return Optional.of(object);
      }
      if (candidate.equalsIgnoreCase(name)) {
        ignoringCase = object;
      }
    }
    return Optional.ofNullable(ignoringCase);
  }

  /** The account with the uid, if any. */
  Optional<ConnectorObject> findByUid(String uid) {
    return Optional.ofNullable(
        bundle.call(
            "read of uid '" + uid + "'",
            () -> bundle.facade().getObject(objectClass, new Uid(uid), readOptions())));
  }

  /** The referenced account: by native id when given and found, else by name. */
  Optional<ConnectorObject> lookup(AccountReference account) {
    if (account.nativeId() != null && !account.nativeId().isBlank()) {
      Optional<ConnectorObject> byUid = findByUid(account.nativeId());
      if (byUid.isPresent()) {
        return byUid;
      }
    }
    return findByName(account.name());
  }

  /**
   * The referenced account.
   *
   * @throws io.tenure.connector.spi.ConnectorException NOT_FOUND when it does not exist
   */
  ConnectorObject resolve(AccountReference account, String attempted) {
    return lookup(account)
        .orElseThrow(
            () ->
                bundle
                    .errors()
                    .failure(
                        ErrorKind.NOT_FOUND,
                        attempted + " failed: no account named '" + account.name() + "'"));
  }

  /** The account name of an object: its name attribute, else its {@code __NAME__}. */
  String nameOf(ConnectorObject object) {
    if (!settings.nameAttribute().equals(Name.NAME)) {
      Attribute attribute = object.getAttributeByName(settings.nameAttribute());
      if (attribute != null && attribute.getValue() != null) {
        for (Object value : attribute.getValue()) {
          if (value != null && !value.toString().isEmpty()) {
            return value.toString();
          }
        }
      }
    }
    return object.getName().getNameValue();
  }

  /** The remote account of an object, with the entitlements read for it. */
  RemoteAccount toRemote(ConnectorObject object, Set<String> entitlements) {
    Map<String, List<String>> attributes = new TreeMap<>();
    for (Attribute attribute : object.getAttributes()) {
      if (shown(attribute)) {
        List<String> values = new ArrayList<>();
        for (Object value : attribute.getValue()) {
          if (value instanceof byte[] bytes) {
            values.add(Base64.getEncoder().encodeToString(bytes));
          } else if (value != null && !value.toString().isEmpty()) {
            values.add(value.toString());
          }
        }
        if (!values.isEmpty()) {
          attributes.put(spelling(attribute.getName()), values);
        }
      }
    }
    return new RemoteAccount(
        object.getUid().getUidValue(),
        nameOf(object),
        attributes,
        settings.enabled().read(object),
        entitlements);
  }

  /**
   * The attribute's name as configured (or as the schema spells it) when the bundle answers in
   * another case: csvdir answers with HSQLDB's upper-case column names.
   */
  private String spelling(String name) {
    return spellings.getOrDefault(name.toLowerCase(Locale.ROOT), name);
  }

  private boolean shown(Attribute attribute) {
    String name = attribute.getName();
    if (name.startsWith("__") && name.endsWith("__")) {
      return false;
    }
    if (settings.enabled().style() == EnabledMapping.Style.ATTRIBUTE
        && name.equalsIgnoreCase(settings.enabled().attribute())) {
      return false;
    }
    if (settings.entitlements().style() == EntitlementSettings.Style.ATTRIBUTE
        && name.equalsIgnoreCase(settings.entitlements().attribute())) {
      return false;
    }
    if (name.toLowerCase(Locale.ROOT).contains("password") || attribute.getValue() == null) {
      return false;
    }
    for (Object value : attribute.getValue()) {
      if (value instanceof GuardedString || value instanceof GuardedByteArray) {
        return false;
      }
    }
    return true;
  }

  private List<ConnectorObject> search(String attempted, Filter filter) {
    List<ConnectorObject> found = new ArrayList<>();
    bundle.run(
        attempted,
        () ->
            bundle
                .facade()
                .search(
                    objectClass,
                    filter,
                    object -> {
                      found.add(object);
                      return found.size() < 100;
                    },
                    readOptions()));
    return found;
  }
}
