package io.tenure.scim.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenure.scim.server.store.ScimStores;
import org.junit.jupiter.api.Test;

class ScimHandlerMappingTest {

  @Test
  void scimPathsAreTheEndpointsRootAndWhatIsBelowIt() {
    assertThat(ScimHandlerMapping.isScimPath("/scim/v2")).isTrue();
    assertThat(ScimHandlerMapping.isScimPath("/scim/v2/")).isTrue();
    assertThat(ScimHandlerMapping.isScimPath("/scim/v2/Users/abc")).isTrue();
    assertThat(ScimHandlerMapping.isScimPath("/scim/v2x")).isFalse();
    assertThat(ScimHandlerMapping.isScimPath("/scim/v20/Users")).isFalse();
    assertThat(ScimHandlerMapping.isScimPath("/scim")).isFalse();
    assertThat(ScimHandlerMapping.isScimPath("/api/v1/scim/v2")).isFalse();
    assertThat(ScimHandlerMapping.isScimPath("/")).isFalse();
  }

  @Test
  void theScimEndpointsAreThisPackagesControllersOnly() {
    assertThat(ScimHandlerMapping.isScimEndpoint(ScimController.class)).isTrue();
    assertThat(ScimHandlerMapping.isScimEndpoint(UnknownScimRequests.class)).isTrue();
    assertThat(ScimHandlerMapping.isScimEndpoint(ScimStores.class)).isFalse();
    assertThat(ScimHandlerMapping.isScimEndpoint(String.class)).isFalse();
  }
}
