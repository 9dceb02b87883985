package io.tenure.scim.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Reading the JSON of SCIM messages, whose attribute names are case-insensitive. */
final class JsonFields {

  private JsonFields() {}

  /** The field of an object whose name matches case-insensitively. */
  static @Nullable JsonNode field(JsonNode object, String name) {
    for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (field.getKey().equalsIgnoreCase(name)) {
        return field.getValue();
      }
    }
    return null;
  }
}
