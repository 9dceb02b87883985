package io.tenure.scim.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.utils.JsonUtils;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A value holding a control character is refused with invalidValue naming its attribute, wherever
 * it is in a pushed User or Group; tab, line feed and carriage return pass.
 */
class ValueCharactersTest {

  private static ObjectNode json(String text) throws Exception {
    return (ObjectNode) JsonUtils.getObjectReader().readTree(text);
  }

  private static void assertRefused(ThrowingCall call, String message) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            BadRequestException.class,
            refused -> {
              assertThat(refused.getScimError().getScimType()).isEqualTo("invalidValue");
              assertThat(refused.getMessage()).isEqualTo(message);
            });
  }

  private interface ThrowingCall {
    void run() throws Exception;
  }

  @Test
  void everyValueOfAPushedUserIsChecked() throws Exception {
    Map<String, String> refused =
        Map.of(
            "{\"userName\":\"a\\u0000b\"}",
            "userName contains a NUL character (U+0000)",
            "{\"userName\":\"a\",\"name\":{\"givenName\":\"An\\u0000na\"}}",
            "name.givenName contains a NUL character (U+0000)",
            "{\"userName\":\"a\",\"emails\":[{\"value\":\"a@x\"},{\"value\":\"b\\u001b@x\"}]}",
            "emails.value contains the control character U+001B",
            "{\"userName\":\"a\",\"phoneNumbers\":[{\"value\":\"1\",\"type\":\"wo\\u007frk\"}]}",
            "phoneNumbers.type contains the control character U+007F",
            "{\"userName\":\"a\",\"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User\":"
                + "{\"department\":\"Sa\\u0085les\"}}",
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department contains the"
                + " control character U+0085",
            "{\"userName\":\"a\",\"password\":\"se\\u0000cret\"}",
            "password contains a NUL character (U+0000)");
    for (Map.Entry<String, String> entry : refused.entrySet()) {
      ObjectNode user = json(entry.getKey());
      assertRefused(() -> UserMapping.fromResource(user, Map.of()), entry.getValue());
    }
    ObjectNode fine =
        UserInput.normalise(
            json("{\"userName\":\"a\",\"addresses\":[{\"formatted\":\"Line 1\\nLine\\t2\\r\"}]}"));
    assertThat(fine.get("addresses").get(0).get("formatted").textValue())
        .isEqualTo("Line 1\nLine\t2\r");
  }

  @Test
  void everyValueOfAGroupIsChecked() throws Exception {
    assertRefused(
        () -> WantedGroup.of(json("{\"displayName\":\"ops\\u0000\"}")),
        "displayName contains a NUL character (U+0000)");
    assertRefused(
        () -> WantedGroup.of(json("{\"displayName\":\"ops\",\"externalId\":\"\\u0007\"}")),
        "externalId contains the control character U+0007");
    assertRefused(
        () ->
            WantedGroup.of(
                json("{\"displayName\":\"ops\",\"members\":[{\"value\":\"1\\u0000\"}]}")),
        "members.value contains a NUL character (U+0000)");
  }

  @Test
  void anIdWithAControlCharacterNamesNothing() {
    assertThat(ValueCharacters.possibleId("4f0c-11")).isTrue();
    assertThat(ValueCharacters.possibleId("4f0c\u000011")).isFalse();
  }
}
