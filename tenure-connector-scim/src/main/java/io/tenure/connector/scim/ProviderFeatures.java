package io.tenure.connector.scim;

import com.unboundid.scim2.common.types.ServiceProviderConfigResource;
import org.jspecify.annotations.Nullable;

/**
 * What the connector uses of the provider, from its {@code /ServiceProviderConfig} and the settings
 * {@code patch} and {@code filter}.
 *
 * @param patch PATCH is used; otherwise updates read, modify and PUT the whole resource
 * @param filter filtered searches are used; otherwise the connector scans pages and filters itself
 * @param bulk the provider accepts bulk requests (recorded; the connector always sends single
 *     calls)
 * @param maxResults the largest page the provider returns, 0 if it did not say
 */
record ProviderFeatures(boolean patch, boolean filter, boolean bulk, int maxResults) {

  /** When the provider has no {@code /ServiceProviderConfig}: PUT, filters, no bulk. */
  static ProviderFeatures unknown(ScimSettings settings) {
    return new ProviderFeatures(
        false, settings.filterMode() == ScimSettings.FeatureMode.AUTO, false, 0);
  }

  static ProviderFeatures from(
      @Nullable ServiceProviderConfigResource config, ScimSettings settings) {
    if (config == null) {
      return unknown(settings);
    }
    boolean patch =
        settings.patchMode() == ScimSettings.FeatureMode.AUTO
            && config.getPatch() != null
            && config.getPatch().isSupported();
    boolean filter =
        settings.filterMode() == ScimSettings.FeatureMode.AUTO
            && config.getFilter() != null
            && config.getFilter().isSupported();
    boolean bulk = config.getBulk() != null && config.getBulk().isSupported();
    int maxResults =
        config.getFilter() == null ? 0 : Math.max(0, config.getFilter().getMaxResults());
    return new ProviderFeatures(patch, filter, bulk, maxResults);
  }
}
