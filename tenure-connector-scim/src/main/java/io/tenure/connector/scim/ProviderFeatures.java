package io.tenure.connector.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What the connector uses of the provider, from its {@code /ServiceProviderConfig} and the settings
 * {@code patch} and {@code filter}.
 *
 * @param patch PATCH is used; otherwise updates read, modify and PUT the whole resource
 * @param filter filtered searches are used; otherwise the connector scans pages and filters itself
 * @param bulk creates are sent in {@code /Bulk} requests (the provider supports them and the
 *     setting {@code bulk} is {@code auto})
 * @param maxResults the largest page the provider returns, 0 if it did not say
 * @param bulkMaxOperations the most operations of one bulk request, 0 if the provider did not say
 * @param bulkMaxPayloadSize the largest bulk request in bytes, 0 if the provider did not say
 */
record ProviderFeatures(
    boolean patch,
    boolean filter,
    boolean bulk,
    int maxResults,
    int bulkMaxOperations,
    int bulkMaxPayloadSize) {

  /** When the provider has no {@code /ServiceProviderConfig}: PUT, filters, no bulk. */
  static ProviderFeatures unknown(ScimSettings settings) {
    return new ProviderFeatures(
        false, settings.filterMode() == ScimSettings.FeatureMode.AUTO, false, 0, 0, 0);
  }

  /** The features of a {@code /ServiceProviderConfig} document, read leniently. */
  static ProviderFeatures from(ObjectNode config, ScimSettings settings) {
    boolean patch =
        settings.patchMode() == ScimSettings.FeatureMode.AUTO && supported(config, "patch");
    boolean filter =
        settings.filterMode() == ScimSettings.FeatureMode.AUTO && supported(config, "filter");
    boolean bulk =
        settings.bulkMode() == ScimSettings.FeatureMode.AUTO && supported(config, "bulk");
    return new ProviderFeatures(
        patch,
        filter,
        bulk,
        number(config, "filter", "maxResults"),
        number(config, "bulk", "maxOperations"),
        number(config, "bulk", "maxPayloadSize"));
  }

  /** A non-negative number of the configuration, 0 when absent or unreadable. */
  private static int number(ObjectNode config, String feature, String name) {
    JsonNode value = ResourceJson.field(ResourceJson.field(config, feature), name);
    if (value == null) {
      return 0;
    }
    if (value.isTextual()) {
      try {
        return Math.max(0, Integer.parseInt(value.asText().strip()));
      } catch (NumberFormatException e) {
        return 0;
      }
    }
    return value.canConvertToInt() ? Math.max(0, value.asInt()) : 0;
  }

  private static boolean supported(ObjectNode config, String feature) {
    JsonNode supported = ResourceJson.field(ResourceJson.field(config, feature), "supported");
    return supported != null
        && (supported.isBoolean()
            ? supported.booleanValue()
            : "true".equalsIgnoreCase(supported.asText()));
  }
}
