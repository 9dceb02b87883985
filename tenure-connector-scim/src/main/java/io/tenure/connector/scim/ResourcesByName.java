package io.tenure.connector.scim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.GenericScimResource;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.filters.Filter;
import com.unboundid.scim2.common.messages.ListResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * Finds a resource by its naming attribute ({@code userName} of Users, {@code displayName} of
 * Groups): with an equality filter when the provider filters, else by scanning pages. A name with a
 * double quote or backslash is searched by the part before that character ({@code sw}), or by a
 * full scan when it starts with one, because providers differ in whether they unescape filter
 * values; the candidates are compared here. Thread-safe.
 */
final class ResourcesByName {

  private final ServiceProvider provider;

  ResourcesByName(ServiceProvider provider) {
    this.provider = provider;
  }

  /**
   * The resource whose naming attribute equals {@code name}: exactly if one does, else ignoring
   * case (SCIM compares userName and displayName ignoring case).
   */
  Optional<ObjectNode> find(String endpoint, String attribute, String name, String action) {
    List<ObjectNode> candidates = new ArrayList<>();
    int special = firstSpecialCharacter(name);
    if (provider.features().filter() && special < 0) {
      String filter = equalityFilter(attribute, name);
      ListResponse<GenericScimResource> response =
          provider.execute(
              action,
              service ->
                  service
                      .searchRequest(endpoint)
                      .filter(filter)
                      .page(1, 10)
                      .invoke(GenericScimResource.class));
      response.getResources().forEach(resource -> candidates.add(resource.getObjectNode()));
    } else {
      Filter prefix = null;
      if (provider.features().filter() && special > 0) {
        try {
          prefix = Filter.sw(attribute, name.substring(0, special));
        } catch (BadRequestException e) {
          throw new IllegalArgumentException("not a SCIM attribute: " + attribute, e);
        }
      }
      Iterator<ObjectNode> scan = new ResourcePages(provider, endpoint, prefix, action);
      while (scan.hasNext()) {
        ObjectNode resource = scan.next();
        if (name.equalsIgnoreCase(ResourceJson.text(resource, attribute))) {
          candidates.add(resource);
        }
      }
    }
    for (ObjectNode candidate : candidates) {
      if (name.equals(ResourceJson.text(candidate, attribute))) {
        return Optional.of(candidate);
      }
    }
    return candidates.stream()
        .filter(candidate -> name.equalsIgnoreCase(ResourceJson.text(candidate, attribute)))
        .findFirst();
  }

  /**
   * The index of the first double quote or backslash in a name, -1 if none. Such names are looked
   * up by the prefix before that character and compared here, because providers differ in how (and
   * whether) they unescape filter values.
   */
  static int firstSpecialCharacter(String name) {
    for (int index = 0; index < name.length(); index++) {
      char character = name.charAt(index);
      if (character == '"' || character == '\\') {
        return index;
      }
    }
    return -1;
  }

  /** {@code attribute eq "value"} with the value escaped for the SCIM filter grammar. */
  static String equalityFilter(String attribute, String value) {
    try {
      return Filter.eq(attribute, value).toString();
    } catch (BadRequestException e) {
      throw new IllegalArgumentException("not a SCIM attribute: " + attribute, e);
    }
  }
}
