package io.tenure.scim.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import io.tenure.core.source.ControlCharacters;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * Values a SCIM client sends that may not hold a control character ({@link ControlCharacters}: NUL,
 * ESC, DEL, C1 controls, ...): they would reach identity attributes and targets, and the store
 * cannot hold a NUL at all. Such a value is refused with 400 {@code invalidValue} naming its
 * attribute; an id that holds one names no resource.
 */
final class ValueCharacters {

  private ValueCharacters() {}

  /**
   * Refuses a text value holding a control character; other values pass.
   *
   * @param attribute the value's attribute path, for the message ({@code name.givenName})
   * @throws BadRequestException invalidValue, for example {@code name.givenName contains a NUL
   *     character (U+0000)}
   */
  static void check(String attribute, @Nullable JsonNode value) throws BadRequestException {
    if (value != null && value.isTextual()) {
      OptionalInt control = ControlCharacters.first(value.textValue());
      if (control.isPresent()) {
        throw BadRequestException.invalidValue(
            attribute + " " + ControlCharacters.describe(control.getAsInt()));
      }
    }
  }

  /** Whether a resource id from a request's path can name a resource at all. */
  static boolean possibleId(String id) {
    return ControlCharacters.first(id).isEmpty();
  }
}
