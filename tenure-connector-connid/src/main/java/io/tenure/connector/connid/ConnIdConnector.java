package io.tenure.connector.connid;

import io.tenure.connector.spi.AccountReference;
import io.tenure.connector.spi.AttributeDelta;
import io.tenure.connector.spi.Connector;
import io.tenure.connector.spi.ConnectorException;
import io.tenure.connector.spi.CreateCapability;
import io.tenure.connector.spi.DeleteCapability;
import io.tenure.connector.spi.EnableDisableCapability;
import io.tenure.connector.spi.EntitlementCapability;
import io.tenure.connector.spi.ErrorKind;
import io.tenure.connector.spi.NewAccount;
import io.tenure.connector.spi.RemoteAccount;
import io.tenure.connector.spi.SearchCapability;
import io.tenure.connector.spi.TestCapability;
import io.tenure.connector.spi.UpdateCapability;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.identityconnectors.common.security.GuardedString;
import org.identityconnectors.framework.api.operations.SchemaApiOp;
import org.identityconnectors.framework.common.objects.Attribute;
import org.identityconnectors.framework.common.objects.AttributeBuilder;
import org.identityconnectors.framework.common.objects.AttributeInfo;
import org.identityconnectors.framework.common.objects.ConnectorObject;
import org.identityconnectors.framework.common.objects.Name;
import org.identityconnectors.framework.common.objects.ObjectClassInfo;
import org.identityconnectors.framework.common.objects.OperationalAttributes;
import org.identityconnectors.framework.common.objects.Uid;

/**
 * Tenure's capabilities over one ConnId connector. It implements every capability interface; {@link
 * CapabilityView} shows the engine only those the bundle supports. Thread-safe: the ConnId facade
 * is, and the connector keeps no other mutable state.
 *
 * <p>Creating an account first looks it up by name, so a bundle that answers a duplicate with a
 * generic error still gives ALREADY_EXISTS; changing one first reads it, so a missing account is
 * NOT_FOUND whatever the bundle would have said. An attribute named {@code __PASSWORD__} is sent as
 * a ConnId {@link GuardedString}.
 */
final class ConnIdConnector
    implements Connector,
        CreateCapability,
        UpdateCapability,
        DeleteCapability,
        EnableDisableCapability,
        EntitlementCapability,
        SearchCapability,
        TestCapability {

  private final ConnIdSettings settings;
  private final ConnIdBundle bundle;
  private final ConnIdErrors errors;
  private final AccountObjects accounts;
  private final ObjectChanges changes;
  private final Entitlements entitlements;
  private final SearchStream streams;
  private volatile boolean enableChecked;

  ConnIdConnector(ConnIdSettings settings, ConnIdBundle bundle) {
    this.settings = settings;
    this.bundle = bundle;
    this.errors = bundle.errors();
    this.changes = new ObjectChanges(bundle);
    EntitlementSettings entitlementSettings = settings.entitlements();
    AccountObjects accountObjects;
    switch (entitlementSettings.style()) {
      case ATTRIBUTE -> {
        accountObjects =
            new AccountObjects(settings, bundle, Set.of(entitlementSettings.attribute()));
        this.entitlements =
            new AttributeEntitlements(
                entitlementSettings, accountObjects.objectClass(), changes, settings.values());
      }
      case GROUP -> {
        accountObjects = new AccountObjects(settings, bundle, Set.of());
        this.entitlements =
            new GroupEntitlements(entitlementSettings, bundle, changes, settings.values());
      }
      default -> {
        accountObjects = new AccountObjects(settings, bundle, Set.of());
        this.entitlements = Entitlements.NONE;
      }
    }
    this.accounts = accountObjects;
    this.streams =
        new SearchStream(
            "tenure-connid-search-" + settings.targetName(), settings.searchBufferSize());
  }

  @Override
  public String type() {
    return ConnIdConnectorFactory.TYPE;
  }

  /** The bundle's connector this connector runs. */
  ConnIdBundle bundle() {
    return bundle;
  }

  /** Streams of {@link #accounts()} whose search thread still runs. */
  int openStreams() {
    return streams.open();
  }

  // ---- create ----

  @Override
  public RemoteAccount create(NewAccount account) {
    String name = account.name();
    String attempted = "create of '" + name + "'";
    settings.values().checkName(errors, "account name", name);
    if (accounts.findByName(name).isPresent()) {
      throw errors.failure(
          ErrorKind.ALREADY_EXISTS, attempted + " failed: an account with that name exists");
    }
    Set<Attribute> attributes = new HashSet<>();
    attributes.add(new Name(settings.accountNameTemplate().format(name)));
    if (!settings.nameAttribute().equals(Name.NAME)
        && !account.attributes().containsKey(settings.nameAttribute())) {
      attributes.add(AttributeBuilder.build(settings.nameAttribute(), name));
    }
    account
        .attributes()
        .forEach(
            (attribute, values) -> {
              if (!values.isEmpty()) {
                attributes.add(AttributeBuilder.build(attribute, outgoing(attribute, values)));
              }
            });
    attributes.addAll(settings.enabled().forCreate(account.enabled()));
    Uid uid;
    try {
      uid =
          bundle.call(
              attempted, () -> bundle.facade().create(accounts.objectClass(), attributes, null));
    } catch (ConnectorException e) {
      if (e.kind() == ErrorKind.OTHER && accounts.findByName(name).isPresent()) {
        throw new ConnectorException(ErrorKind.ALREADY_EXISTS, e.getMessage(), e);
      }
      throw e;
    }
    Optional<ConnectorObject> created = accounts.findByUid(uid.getUidValue());
    if (created.isEmpty()) {
      created = accounts.findByName(name);
    }
    if (created.isEmpty()) {
      return new RemoteAccount(
          uid.getUidValue(), name, account.attributes(), account.enabled(), Set.of());
    }
    return accounts.toRemote(created.get(), entitlements.read(created.get()));
  }

  // ---- update ----

  @Override
  public void update(AccountReference account, List<AttributeDelta> deltas) {
    String attempted = "update of '" + account.name() + "'";
    ConnectorObject current = accounts.resolve(account, attempted);
    Map<String, List<Object>> replacements = new LinkedHashMap<>();
    for (AttributeDelta delta : deltas) {
      replacements.put(delta.attribute(), outgoing(delta.attribute(), delta.values()));
    }
    changes.replace(attempted, accounts.objectClass(), current, replacements);
  }

  // ---- enable / disable ----

  @Override
  public void disable(AccountReference account) {
    setEnabled(account, false);
  }

  @Override
  public void enable(AccountReference account) {
    setEnabled(account, true);
  }

  private void setEnabled(AccountReference account, boolean enabled) {
    String attempted = (enabled ? "enable of '" : "disable of '") + account.name() + "'";
    EnabledMapping mapping = settings.enabled();
    if (mapping.style() == EnabledMapping.Style.NONE) {
      throw errors.failure(ErrorKind.CONFIGURATION, attempted + ": enabled.attribute is none");
    }
    checkEnableSupported(attempted);
    ConnectorObject current = accounts.resolve(account, attempted);
    if (mapping.read(current) == enabled) {
      return;
    }
    changes.replace(
        attempted,
        accounts.objectClass(),
        current,
        Map.of(mapping.attribute(), mapping.replacementValues(enabled)));
  }

  /** With {@code __ENABLE__}, the bundle's schema must have it for accounts (checked once). */
  private void checkEnableSupported(String attempted) {
    if (enableChecked
        || settings.enabled().style() != EnabledMapping.Style.OPERATIONAL
        || !bundle.supports(SchemaApiOp.class)) {
      return;
    }
    ObjectClassInfo info =
        bundle
            .call("reading the schema", () -> bundle.facade().schema())
            .findObjectClassInfo(accounts.objectClass().getObjectClassValue());
    boolean supported = false;
    if (info != null) {
      for (AttributeInfo attribute : info.getAttributeInfo()) {
        supported |= attribute.is(OperationalAttributes.ENABLE_NAME);
      }
    }
    if (!supported) {
      throw errors.failure(
          ErrorKind.CONFIGURATION,
          attempted
              + ": the bundle has no __ENABLE__ for "
              + settings.accountObjectClass()
              + "; set enabled.attribute");
    }
    enableChecked = true;
  }

  // ---- delete ----

  @Override
  public void delete(AccountReference account) {
    Optional<ConnectorObject> current = accounts.lookup(account);
    if (current.isEmpty()) {
      return;
    }
    entitlements.revokeAll(current.get());
    try {
      bundle.run(
          "delete of '" + account.name() + "'",
          () -> bundle.facade().delete(accounts.objectClass(), current.get().getUid(), null));
    } catch (ConnectorException e) {
      if (e.kind() != ErrorKind.NOT_FOUND) {
        throw e;
      }
    }
  }

  // ---- entitlements ----

  @Override
  public void grant(AccountReference account, String entitlement) {
    settings.values().checkName(errors, "entitlement", entitlement);
    entitlements.grant(accounts.resolve(account, "grant of '" + entitlement + "'"), entitlement);
  }

  @Override
  public void revoke(AccountReference account, String entitlement) {
    accounts.lookup(account).ifPresent(found -> entitlements.revoke(found, entitlement));
  }

  // ---- search ----

  @Override
  public Optional<RemoteAccount> find(String name) {
    return accounts
        .findByName(name)
        .map(object -> accounts.toRemote(object, entitlements.read(object)));
  }

  @Override
  public Stream<RemoteAccount> accounts() {
    return streams.<ConnectorObject, RemoteAccount>start(
        handler ->
            bundle
                .facade()
                .search(accounts.objectClass(), null, handler::test, accounts.readOptions()),
        object -> accounts.toRemote(object, entitlements.read(object)),
        failure -> errors.translate("search of the accounts", failure));
  }

  // ---- test ----

  @Override
  public void test() {
    bundle.run("test of " + bundle.description(), () -> bundle.facade().test());
  }

  @Override
  public void close() {
    bundle.close();
  }

  @Override
  public String toString() {
    return "ConnIdConnector[" + settings.targetName() + ", " + bundle.description() + "]";
  }

  /** Values as the bundle takes them: checked, joined if configured; a password guarded. */
  private List<Object> outgoing(String attribute, List<String> values) {
    if (attribute.equals(OperationalAttributes.PASSWORD_NAME)) {
      return values.stream().map(value -> (Object) new GuardedString(value.toCharArray())).toList();
    }
    return settings.values().outgoing(errors, attribute, values);
  }
}
