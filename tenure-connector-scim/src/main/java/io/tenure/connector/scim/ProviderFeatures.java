package io.tenure.connector.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

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

  /** The features of a {@code /ServiceProviderConfig} document, read leniently. */
  static ProviderFeatures from(ObjectNode config, ScimSettings settings) {
    boolean patch =
        settings.patchMode() == ScimSettings.FeatureMode.AUTO && supported(config, "patch");
    boolean filter =
        settings.filterMode() == ScimSettings.FeatureMode.AUTO && supported(config, "filter");
    JsonNode maxResults = ResourceJson.field(ResourceJson.field(config, "filter"), "maxResults");
    return new ProviderFeatures(
        patch,
        filter,
        supported(config, "bulk"),
        maxResults != null && maxResults.canConvertToInt() ? Math.max(0, maxResults.asInt()) : 0);
  }

  private static boolean supported(ObjectNode config, String feature) {
    JsonNode supported = ResourceJson.field(ResourceJson.field(config, feature), "supported");
    return supported != null
        && (supported.isBoolean()
            ? supported.booleanValue()
            : "true".equalsIgnoreCase(supported.asText()));
  }
}
