package io.tenure.scim.server.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ValueNode;
import com.unboundid.scim2.common.Path;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import io.tenure.core.source.ControlCharacters;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * The conditions of a filter on one column, as SQL with bound parameters: comparisons by the
 * column's kind (strings ignoring case unless case-exact, {@code ne} matching absent values too),
 * {@code like} matches, and conditions on some element of a multi-valued attribute.
 */
final class ColumnConditions {

  private final List<Object> parameters;

  /**
   * @param parameters where the values bound to the conditions' {@code ?} are added, in order
   */
  ColumnConditions(List<Object> parameters) {
    this.parameters = parameters;
  }

  /** A condition on some element of a multi-valued attribute. */
  static String some(String elements, String condition) {
    return "exists (select 1" + FilterSql.ELEMENTS + elements + ") e(v) where " + condition + ")";
  }

  /**
   * The comparison of the column with a value ({@code =}, {@code <>}, {@code <}, ...); on a
   * multi-valued attribute, of some value ({@code <>}: of no value equal).
   *
   * @param name the operator as the filter spells it, for messages
   */
  String compare(Column column, Path path, ValueNode value, String operator, String name)
      throws BadRequestException {
    if (column.kind() == Column.Kind.COMPLEX) {
      throw BadRequestException.invalidFilter(
          name + " needs a sub-attribute of complex attribute " + path);
    }
    if (column.elements() == null) {
      return compareOne(column, path, value, operator, name);
    }
    Column element = new Column(column.sql(), column.kind());
    if (operator.equals("<>")) {
      // no value equals it
      return "(not " + some(column.elements(), compareOne(element, path, value, "=", name)) + ")";
    }
    if (operator.equals("=")
        && column.equalityLookup() != null
        && value != null
        && value.isTextual()) {
      String text = text(value);
      parameters.add(text);
      parameters.add(text);
      return column.equalityLookup();
    }
    return "(" + some(column.elements(), compareOne(element, path, value, operator, name)) + ")";
  }

  private String compareOne(Column column, Path path, ValueNode value, String operator, String name)
      throws BadRequestException {
    if (value == null || value.isNull()) {
      return switch (operator) {
        case "=" -> "(" + column.sql() + " is null)";
        case "<>" -> "(" + column.sql() + " is not null)";
        default -> throw BadRequestException.invalidFilter(name + " null is not supported");
      };
    }
    switch (column.kind()) {
      case BOOLEAN -> {
        if (!operator.equals("=") && !operator.equals("<>")) {
          throw BadRequestException.invalidFilter(
              name + " is not supported on boolean attribute " + path);
        }
        Boolean bool = booleanOf(value);
        if (bool == null) {
          throw BadRequestException.invalidFilter("attribute " + path + " is a boolean");
        }
        parameters.add(bool);
        return operator.equals("=")
            ? "(coalesce(" + column.sql() + ", false) = ?)"
            : "(coalesce(" + column.sql() + ", false) <> ?)";
      }
      case DATE_TIME -> {
        parameters.add(dateTime(value, path));
        return operator.equals("<>")
            ? "(" + column.sql() + " is null or " + column.sql() + " <> ?)"
            : "(" + column.sql() + " " + operator + " ?)";
      }
      case EXACT_STRING -> {
        parameters.add(text(value));
        return switch (operator) {
          case "<>" -> "(" + column.sql() + " is null or " + column.sql() + " <> ?)";
          // plain equality, so that an index on the expression serves it
          case "=" -> "(" + column.sql() + " = ?)";
          default -> "(" + column.sql() + " " + operator + " ? collate \"C\")";
        };
      }
      default -> {
        parameters.add(text(value));
        String lowered = "lower(" + column.sql() + ")";
        return switch (operator) {
          case "<>" -> "(" + column.sql() + " is null or " + lowered + " <> lower(?))";
          case "=" -> "(" + lowered + " = lower(?))";
          default -> "(" + lowered + " collate \"C\" " + operator + " lower(?) collate \"C\")";
        };
      }
    }
  }

  /**
   * A {@code like} match of a string column ({@code co}, {@code sw}, {@code ew}), the value's
   * wildcards escaped.
   */
  String like(Column column, Path path, ValueNode value, String before, String after)
      throws BadRequestException {
    if (column.kind() != Column.Kind.STRING && column.kind() != Column.Kind.EXACT_STRING) {
      throw BadRequestException.invalidFilter(
          "co, sw and ew need a string attribute; " + path + " is not");
    }
    if (value == null || !value.isTextual()) {
      throw BadRequestException.invalidFilter("co, sw and ew need a string value");
    }
    String escaped = text(value).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    parameters.add(before + escaped + after);
    String condition =
        column.kind() == Column.Kind.EXACT_STRING
            ? "(" + column.sql() + " like ? escape '\\')"
            : "(lower(" + column.sql() + ") like lower(?) escape '\\')";
    return column.elements() == null ? condition : "(" + some(column.elements(), condition) + ")";
  }

  /**
   * The text of a value to bind: a control character (which a filter may write as a JSON escape,
   * {@code \\u0000}) is refused, since no stored value holds one and the store cannot bind a NUL.
   */
  private static String text(JsonNode value) throws BadRequestException {
    String text = value.asText();
    OptionalInt control = ControlCharacters.first(text);
    if (control.isPresent()) {
      throw BadRequestException.invalidFilter(
          "a filter value " + ControlCharacters.describe(control.getAsInt()));
    }
    return text;
  }

  private static @Nullable Boolean booleanOf(JsonNode value) {
    if (value.isBoolean()) {
      return value.booleanValue();
    }
    if (value.isTextual()) {
      if (value.textValue().equalsIgnoreCase("true")) {
        return true;
      }
      if (value.textValue().equalsIgnoreCase("false")) {
        return false;
      }
    }
    return null;
  }

  private static OffsetDateTime dateTime(JsonNode value, Path path) throws BadRequestException {
    try {
      return OffsetDateTime.parse(value.asText());
    } catch (DateTimeParseException e) {
      throw BadRequestException.invalidFilter(
          "attribute " + path + " is a dateTime; '" + value.asText() + "' is not one");
    }
  }
}
