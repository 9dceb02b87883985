package io.tenure.scim.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A search of Users or Groups, from the query of a GET or the SearchRequest body of a POST to
 * {@code .search}.
 *
 * @param filter the filter, or null
 * @param sortBy the attribute to sort by, or null
 * @param descending whether sortOrder is descending
 * @param startIndex the 1-based index of the first result (1 by default)
 * @param count how many results at most (100 by default)
 * @param attributes the attributes to return (all by default)
 * @param excluded the attributes not to return
 */
record SearchRequest(
    @Nullable String filter,
    @Nullable String sortBy,
    boolean descending,
    int startIndex,
    int count,
    List<String> attributes,
    List<String> excluded) {

  private static final int DEFAULT_COUNT = 100;

  SearchRequest {
    attributes = List.copyOf(attributes);
    excluded = List.copyOf(excluded);
  }

  /**
   * A search from query parameters.
   *
   * @throws BadRequestException invalidValue for a sortOrder other than ascending or descending, or
   *     a startIndex or count that is not an integer
   */
  static SearchRequest ofQuery(
      @Nullable String filter,
      @Nullable String sortBy,
      @Nullable String sortOrder,
      @Nullable String startIndex,
      @Nullable String count,
      @Nullable String attributes,
      @Nullable String excludedAttributes)
      throws BadRequestException {
    int start = integer(startIndex, 1, "startIndex");
    int size = integer(count, DEFAULT_COUNT, "count");
    return new SearchRequest(
        filter,
        sortBy,
        descending(sortOrder),
        start,
        size,
        ScimResponses.attributeList(attributes),
        ScimResponses.attributeList(excludedAttributes));
  }

  /**
   * A search from a SearchRequest body (attribute names in any case).
   *
   * @throws BadRequestException invalidSyntax for a body that is not a JSON object, invalidValue
   *     for a member of the wrong type
   */
  static SearchRequest ofBody(byte @Nullable [] body) throws BadRequestException {
    ObjectNode request = ScimResponses.object(body);
    String filter = text(request, "filter");
    String sortBy = text(request, "sortBy");
    String sortOrder = text(request, "sortOrder");
    int start = number(request, "startIndex", 1);
    int size = number(request, "count", DEFAULT_COUNT);
    List<String> attributes = list(request, "attributes");
    List<String> excluded = list(request, "excludedAttributes");
    return new SearchRequest(
        filter, sortBy, descending(sortOrder), start, size, attributes, excluded);
  }

  /** Whether a sortOrder (checked after the other parameters) is descending. */
  private static boolean descending(@Nullable String sortOrder) throws BadRequestException {
    if (sortOrder == null || sortOrder.isBlank()) {
      return false;
    }
    return switch (sortOrder.toLowerCase(Locale.ROOT)) {
      case "ascending" -> false;
      case "descending" -> true;
      default ->
          throw BadRequestException.invalidValue(
              "sortOrder must be ascending or descending, not '" + sortOrder + "'");
    };
  }

  private static int integer(@Nullable String value, int fallback, String name)
      throws BadRequestException {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      throw BadRequestException.invalidValue(name + " must be an integer, not '" + value + "'");
    }
  }

  private static @Nullable String text(ObjectNode request, String name) throws BadRequestException {
    JsonNode value = JsonFields.field(request, name);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw BadRequestException.invalidValue(name + " must be a string");
    }
    return value.textValue();
  }

  private static int number(ObjectNode request, String name, int fallback)
      throws BadRequestException {
    JsonNode value = JsonFields.field(request, name);
    if (value == null || value.isNull()) {
      return fallback;
    }
    if (value.canConvertToInt() && value.isIntegralNumber()) {
      return value.intValue();
    }
    if (value.isTextual()) {
      return integer(value.textValue(), fallback, name);
    }
    throw BadRequestException.invalidValue(name + " must be an integer");
  }

  private static List<String> list(ObjectNode request, String name) throws BadRequestException {
    JsonNode value = JsonFields.field(request, name);
    if (value == null || value.isNull()) {
      return List.of();
    }
    if (value.isTextual()) {
      return ScimResponses.attributeList(value.textValue());
    }
    if (value.isArray()) {
      List<String> names = new ArrayList<>();
      for (JsonNode item : value) {
        if (!item.isTextual()) {
          throw BadRequestException.invalidValue(name + " must list strings");
        }
        names.add(item.textValue());
      }
      return names;
    }
    throw BadRequestException.invalidValue(name + " must be a list of attribute names");
  }
}
