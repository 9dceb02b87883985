package io.tenure.scim.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The SCIM endpoints and their methods, as the controller maps them. */
class ScimEndpointsTest {

  private final ScimEndpoints endpoints = ScimEndpoints.of(ScimController.class);

  @Test
  void eachEndpointAllowsTheMethodsItIsMappedTo() {
    assertThat(endpoints.allowed("/scim/v2/Users"))
        .containsExactlyInAnyOrder("GET", "HEAD", "POST", "OPTIONS");
    assertThat(endpoints.allowed("/scim/v2/Users/42"))
        .containsExactlyInAnyOrder("GET", "HEAD", "PUT", "PATCH", "DELETE", "OPTIONS");
    assertThat(endpoints.allowed("/scim/v2/Groups/.search"))
        .as("also /Groups/{id} with the id .search")
        .contains("POST", "GET");
    assertThat(endpoints.allowed("/scim/v2/ServiceProviderConfig"))
        .containsExactlyInAnyOrder("GET", "HEAD", "OPTIONS");
    assertThat(endpoints.allowed("/scim/v2/Bulk")).containsExactlyInAnyOrder("POST", "OPTIONS");
  }

  @Test
  void aPathThatIsNoEndpointAllowsNothing() {
    assertThat(endpoints.allowed("/scim/v2/Nothing")).isEmpty();
    assertThat(endpoints.allowed("/scim/v2/Users/42/groups")).isEmpty();
    assertThat(endpoints.allowed("/scim/v2")).isEmpty();
    assertThat(endpoints.allowed("/scim/v2/Me")).isEmpty();
  }
}
