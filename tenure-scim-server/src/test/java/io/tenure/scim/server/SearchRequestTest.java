package io.tenure.scim.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.unboundid.scim2.common.exceptions.BadRequestException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Searches from a query or a SearchRequest body; sortOrder is checked after the rest. */
class SearchRequestTest {

  @Test
  void queryParametersHaveDefaults() throws Exception {
    SearchRequest request =
        SearchRequest.ofQuery(null, "userName", "Descending", " 3 ", null, "userName,emails", null);
    assertThat(request.descending()).isTrue();
    assertThat(request.startIndex()).isEqualTo(3);
    assertThat(request.count()).isEqualTo(100);
    assertThat(request.attributes()).containsExactly("userName", "emails");
    assertThat(request.excluded()).isEmpty();
  }

  @Test
  void aBodyNamesItsMembersInAnyCase() throws Exception {
    SearchRequest request =
        SearchRequest.ofBody(
            ("{\"FILTER\": \"userName sw \\\"a\\\"\", \"count\": \"5\", \"startIndex\": 2,"
                    + " \"attributes\": [\"displayName\"], \"excludedAttributes\": \"groups\"}")
                .getBytes(StandardCharsets.UTF_8));
    assertThat(request.filter()).isEqualTo("userName sw \"a\"");
    assertThat(request.count()).isEqualTo(5);
    assertThat(request.startIndex()).isEqualTo(2);
    assertThat(request.attributes()).containsExactly("displayName");
    assertThat(request.excluded()).containsExactly("groups");
    assertThat(request.descending()).isFalse();
  }

  @Test
  void badValuesAreInvalidValueTheCountBeforeTheSortOrder() {
    assertThatThrownBy(() -> SearchRequest.ofQuery(null, null, "up", null, "many", null, null))
        .isInstanceOf(BadRequestException.class)
        .hasMessage("count must be an integer, not 'many'");
    assertThatThrownBy(() -> SearchRequest.ofQuery(null, null, "up", null, null, null, null))
        .hasMessage("sortOrder must be ascending or descending, not 'up'");
    assertThatThrownBy(
            () ->
                SearchRequest.ofBody(
                    "{\"sortOrder\": \"up\", \"count\": true}".getBytes(StandardCharsets.UTF_8)))
        .hasMessage("count must be an integer");
  }
}
