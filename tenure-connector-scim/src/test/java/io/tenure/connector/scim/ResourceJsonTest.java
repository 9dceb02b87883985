package io.tenure.connector.scim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.messages.PatchOperation;
import com.unboundid.scim2.common.utils.JsonUtils;
import io.tenure.connector.spi.ConnectorConfiguration;
import io.tenure.connector.spi.ConnectorException;
import io.tenure.connector.spi.ErrorKind;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ResourceJsonTest {

  private static final String ENTERPRISE =
      "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

  private final ScimSettings settings =
      ScimSettings.from(
          new ConnectorConfiguration("t", Map.of("url", "http://127.0.0.1:1/scim"), Set.of()));

  private AttributePath path(String text) {
    return AttributePath.parse(text, settings);
  }

  private static ObjectNode json(String text) throws Exception {
    return (ObjectNode) JsonUtils.getObjectReader().readTree(text);
  }

  private static final String USER =
      """
      {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"id":"1","userName":"pat",
       "active":true,"name":{"givenName":"Pat","familyName":"Smith"},"title":"Engineer",
       "emails":[{"value":"pat@work.example","type":"work"},{"value":"pat@home.example",
       "type":"home"},{"value":"pat@other.example"}],
       "groups":[{"value":"g1","display":"staff"}],
       "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"employeeNumber":"42",
       "manager":{"value":"7"}},"meta":{"resourceType":"User"}}
      """;

  @Test
  void pathsFollowTheConvention() {
    assertThat(path("title").kind()).isEqualTo(AttributePath.Kind.SIMPLE);
    assertThat(path("name.givenName").kind()).isEqualTo(AttributePath.Kind.SUB_ATTRIBUTE);
    AttributePath work = path("emails.work");
    assertThat(work.kind()).isEqualTo(AttributePath.Kind.TYPED_VALUES);
    assertThat(work.qualifier()).isEqualTo("work");
    assertThat(path("emails").qualifier()).isNull();
    AttributePath number = path(ENTERPRISE + ":employeeNumber");
    assertThat(number.schemaUrn()).isEqualTo(ENTERPRISE);
    assertThat(number.attribute()).isEqualTo("employeeNumber");
    assertThat(number.scimPath()).isEqualTo(ENTERPRISE + ":employeeNumber");
    assertThat(path(ENTERPRISE + ":manager.value").scimPath())
        .isEqualTo(ENTERPRISE + ":manager.value");
    for (String bad : List.of("userName", "active", "groups", "id", "a.b.c", "emails[type", "")) {
      assertThatThrownBy(() -> path(bad))
          .as(bad)
          .isInstanceOfSatisfying(
              ConnectorException.class,
              e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT));
    }
  }

  @Test
  void readsEveryKindOfPathIgnoringCase() throws Exception {
    ObjectNode user = json(USER);
    assertThat(ResourceJson.read(user, path("Title"))).containsExactly("Engineer");
    assertThat(ResourceJson.read(user, path("name.GIVENNAME"))).containsExactly("Pat");
    assertThat(ResourceJson.read(user, path("emails.WORK"))).containsExactly("pat@work.example");
    assertThat(ResourceJson.read(user, path("emails"))).containsExactly("pat@other.example");
    assertThat(ResourceJson.read(user, path(ENTERPRISE + ":employeeNumber"))).containsExactly("42");
    assertThat(ResourceJson.read(user, path("nickName"))).isEmpty();
  }

  @Test
  void flattensTheResourceWithoutManagedAttributes() throws Exception {
    Map<String, List<String>> attributes = ResourceJson.attributes(json(USER), settings);
    assertThat(attributes)
        .containsOnlyKeys(
            "name.givenName",
            "name.familyName",
            "title",
            "emails.work",
            "emails.home",
            "emails",
            ENTERPRISE + ":employeeNumber",
            ENTERPRISE + ":manager.value");
  }

  @Test
  void writesAndRemovesEveryKindOfPath() throws Exception {
    ObjectNode user = json(USER);
    ResourceJson.write(user, path("emails.work"), List.of("a@x", "b@x"));
    ResourceJson.write(user, path("name.givenName"), List.of());
    ResourceJson.write(user, path("title"), List.of());
    ResourceJson.write(user, path(ENTERPRISE + ":department"), List.of("Sales"));
    assertThat(ResourceJson.read(user, path("emails.work"))).containsExactly("a@x", "b@x");
    assertThat(ResourceJson.read(user, path("emails.home"))).containsExactly("pat@home.example");
    assertThat(ResourceJson.read(user, path("name.familyName"))).containsExactly("Smith");
    assertThat(user.has("title")).isFalse();
    assertThat(ResourceJson.read(user, path(ENTERPRISE + ":department"))).containsExactly("Sales");

    ObjectNode fresh = json("{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"]}");
    ResourceJson.write(fresh, path(ENTERPRISE + ":employeeNumber"), List.of("9"));
    assertThat(fresh.get("schemas").toString()).contains(ENTERPRISE);
    ResourceJson.write(fresh, path("name.givenName"), List.of());
    assertThat(fresh.has("name")).isFalse();
  }

  @Test
  void patchIsEmptyWhenNothingChangesAndMinimalOtherwise() throws Exception {
    ObjectNode user = json(USER);
    assertThat(ResourceJson.patch(user, path("title"), List.of("Engineer"))).isEmpty();
    assertThat(ResourceJson.patch(user, path("emails.work"), List.of("pat@work.example")))
        .isEmpty();
    assertThat(ResourceJson.patch(user, path("nickName"), List.of())).isEmpty();

    assertThat(render(ResourceJson.patch(user, path("title"), List.of("Boss"))))
        .containsExactly("replace title \"Boss\"");
    assertThat(render(ResourceJson.patch(user, path("name.givenName"), List.of())))
        .containsExactly("remove name.givenName null");
    assertThat(render(ResourceJson.patch(user, path("emails.work"), List.of("new@x"))))
        .containsExactly(
            "remove emails[type eq \"work\"] null",
            "add emails [{\"value\":\"new@x\",\"type\":\"work\"}]");
    assertThat(render(ResourceJson.patch(user, path("emails.mobile"), List.of("m@x"))))
        .containsExactly("add emails [{\"value\":\"m@x\",\"type\":\"mobile\"}]");
    assertThat(
            render(ResourceJson.patch(user, path(ENTERPRISE + ":employeeNumber"), List.of("43"))))
        .containsExactly("replace " + ENTERPRISE + ":employeeNumber \"43\"");
  }

  /** Seeded: applying the patch's target values with write gives what read reports. */
  @Test
  void writeThenReadRoundTripsRandomValues() throws Exception {
    long seed = new Random().nextLong();
    Random random = new Random(seed);
    List<String> paths =
        List.of(
            "title",
            "name.givenName",
            "emails.work",
            "emails",
            "phoneNumbers.mobile",
            ENTERPRISE + ":department");
    ObjectNode user = json(USER);
    for (int round = 0; round < 200; round++) {
      AttributePath target = path(paths.get(random.nextInt(paths.size())));
      int count =
          target.kind() == AttributePath.Kind.TYPED_VALUES ? random.nextInt(3) : random.nextInt(2);
      List<String> values =
          random.ints(count, 0, 1000).mapToObj(i -> "v\"\\" + i).distinct().toList();
      ObjectNode before = user.deepCopy();
      List<PatchOperation> operations = ResourceJson.patch(before, target, values);
      ResourceJson.write(user, target, values);
      assertThat(ResourceJson.read(user, target))
          .as("seed %d round %d %s", seed, round, target.text())
          .containsExactlyInAnyOrderElementsOf(values);
      assertThat(operations.isEmpty())
          .as("seed %d round %d: no operation exactly when nothing changes", seed, round)
          .isEqualTo(ResourceJson.sameValues(ResourceJson.read(before, target), values));
    }
  }

  @Test
  void equalityFiltersEscapeQuotesAndBackslashes() {
    assertThat(ScimConnector.equalityFilter("userName", "o\"brien\\x"))
        .isEqualTo("userName eq \"o\\\"brien\\\\x\"");
    assertThat(ScimConnector.equalityFilter("userName", "a) or (userName pr"))
        .isEqualTo("userName eq \"a) or (userName pr\"");
    assertThat(ScimConnector.firstSpecialCharacter("ab\"c")).isEqualTo(2);
    assertThat(ScimConnector.firstSpecialCharacter("\\c")).isZero();
    assertThat(ScimConnector.firstSpecialCharacter("o'brien")).isEqualTo(-1);
  }

  private static List<String> render(List<PatchOperation> operations) {
    return operations.stream()
        .map(
            operation ->
                operation.getOpType().name().toLowerCase(java.util.Locale.ROOT)
                    + " "
                    + operation.getPath()
                    + " "
                    + operation.getJsonNode())
        .toList();
  }
}
