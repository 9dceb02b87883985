package io.tenure.connector.connid;

import io.tenure.connector.spi.Connector;
import io.tenure.connector.spi.ConnectorConfiguration;
import io.tenure.connector.spi.ConnectorException;
import io.tenure.connector.spi.ConnectorFactory;

/**
 * Creates connectors of type {@code connid}, which run a ConnId connector bundle. Settings (dotted
 * keys; docs/connectors/connid.md has examples):
 *
 * <ul>
 *   <li>{@code bundle.path} (required): a bundle jar, or a folder whose {@code .jar} files are all
 *       loaded; a relative path is resolved against the working directory.
 *   <li>{@code bundle.name}, {@code bundle.version}, {@code bundle.connector} (class name, simple
 *       or full): which connector of the bundles; optional when they hold exactly one.
 *   <li>{@code configuration.<property>}: the bundle's configuration properties, converted to the
 *       declared types; lists comma-separated (a comma inside an item as {@code \,}) or indexed
 *       ({@code configuration.baseContexts.0}). Confidential properties become GuardedStrings and
 *       their values never appear in messages.
 *   <li>{@code accounts.objectClass} (default {@code __ACCOUNT__}); {@code accounts.nameAttribute}
 *       (default {@code __NAME__}): the attribute holding the Tenure account name; {@code
 *       accounts.nameTemplate} and {@code accounts.nameEscaping} ({@code none} or {@code dn}): the
 *       {@code __NAME__} of a new account; {@code accounts.attributes}: the attributes read
 *       (default: the bundle's defaults).
 *   <li>{@code enabled.attribute} (default {@code __ENABLE__}; {@code none}; or a plain attribute
 *       with {@code enabled.disabledValue} and optional {@code enabled.enabledValue}).
 *   <li>{@code entitlements.style}: {@code none} (default), {@code attribute} ({@code
 *       entitlements.attribute}, {@code entitlements.valueTemplate}, {@code
 *       entitlements.valueEscaping}) or {@code group} ({@code entitlements.objectClass} default
 *       {@code __GROUP__}, {@code entitlements.nameAttribute}, {@code entitlements.nameTemplate},
 *       {@code entitlements.nameEscaping}, {@code entitlements.memberAttribute} (required), {@code
 *       entitlements.member} {@code name} or {@code uid}, {@code entitlements.create} default true,
 *       {@code entitlements.deleteEmpty} default false).
 *   <li>{@code values.rejectCharacters}, {@code values.joinWith}: see {@link ValueRules}.
 *   <li>{@code search.bufferSize} (default 100): accounts read ahead of a stream's consumer.
 *   <li>{@code timeout.seconds} (default 0, none): the framework's timeout of every call but
 *       searches.
 * </ul>
 *
 * An unknown key, a bad value or a bundle that does not load fails with a CONFIGURATION error
 * naming the key. Nothing connects to the target here; {@code test()} does.
 */
public final class ConnIdConnectorFactory implements ConnectorFactory {

  /** The connector type name. */
  public static final String TYPE = "connid";

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public Connector create(ConnectorConfiguration configuration) {
    ConnIdSettings settings = ConnIdSettings.from(configuration);
    ConnIdBundle bundle = ConnIdBundle.open(settings);
    try {
      return CapabilityView.of(new ConnIdConnector(settings, bundle), settings);
    } catch (RuntimeException e) {
      bundle.close();
      throw e instanceof ConnectorException ? e : bundle.errors().translate("opening", e);
    }
  }
}
