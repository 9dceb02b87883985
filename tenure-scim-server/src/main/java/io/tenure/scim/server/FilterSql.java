package io.tenure.scim.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ValueNode;
import com.unboundid.scim2.common.Path;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.exceptions.ScimException;
import com.unboundid.scim2.common.filters.AndFilter;
import com.unboundid.scim2.common.filters.ComplexValueFilter;
import com.unboundid.scim2.common.filters.ContainsFilter;
import com.unboundid.scim2.common.filters.EndsWithFilter;
import com.unboundid.scim2.common.filters.EqualFilter;
import com.unboundid.scim2.common.filters.Filter;
import com.unboundid.scim2.common.filters.FilterVisitor;
import com.unboundid.scim2.common.filters.GreaterThanFilter;
import com.unboundid.scim2.common.filters.GreaterThanOrEqualFilter;
import com.unboundid.scim2.common.filters.LessThanFilter;
import com.unboundid.scim2.common.filters.LessThanOrEqualFilter;
import com.unboundid.scim2.common.filters.NotEqualFilter;
import com.unboundid.scim2.common.filters.NotFilter;
import com.unboundid.scim2.common.filters.OrFilter;
import com.unboundid.scim2.common.filters.PresentFilter;
import com.unboundid.scim2.common.filters.StartsWithFilter;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A SCIM filter (parsed by the SDK) as a SQL condition over {@code identities i} left-joined with
 * {@code scim_users s}, with bound parameters: nothing from the filter text reaches the SQL except
 * attribute names resolved against {@link UserSchema}. String comparisons are case-insensitive
 * except on case-exact attributes ({@code id}, {@code externalId}, {@code manager.value},
 * references, binaries); {@code ne} matches absent values too; a condition on a multi-valued
 * attribute holds if it holds for some value ({@code ne}: if none equals), and a value filter such
 * as {@code emails[type eq "work" and value co "@x"]} holds if one value meets all of it. Equality
 * is written plainly so that expression indexes serve {@code userName}, {@code externalId} and
 * {@code emails.value} lookups.
 *
 * @param sql the condition
 * @param parameters the values bound to its {@code ?} in order
 */
record FilterSql(String sql, List<Object> parameters) {

  FilterSql {
    parameters = List.copyOf(parameters);
  }

  /** Everything. */
  static FilterSql all() {
    return new FilterSql("true", List.of());
  }

  /** The attributes a filter may name, as SQL over the table searched. */
  interface Columns {

    /** The column of an attribute path (within the complex attribute {@code prefix}, or null). */
    Optional<UserMapping.Column> column(Path path, @Nullable String prefix);

    /**
     * A condition on one value of the attribute at {@code path}, as a condition on the resource:
     * for a multi-valued attribute kept in its own table, "some value satisfies it". By default the
     * condition itself (a single value kept on the resource's row).
     */
    default String anyValue(Path path, String condition) {
      return condition;
    }
  }

  /**
   * Parses and translates a filter over Users ({@code identities i}).
   *
   * @throws BadRequestException invalidFilter for bad syntax, an unknown attribute or an operator
   *     the attribute does not support
   */
  static FilterSql of(String filter) throws BadRequestException {
    return of(filter, UserMapping::column);
  }

  /**
   * Parses and translates a filter over the attributes {@code columns} names.
   *
   * @throws BadRequestException invalidFilter for bad syntax, an unknown attribute or an operator
   *     the attribute does not support
   */
  static FilterSql of(String filter, Columns columns) throws BadRequestException {
    Filter parsed;
    try {
      parsed = Filter.fromString(filter);
    } catch (BadRequestException e) {
      throw BadRequestException.invalidFilter("invalid filter '" + filter + "': " + e.getMessage());
    } catch (RuntimeException e) {
      throw BadRequestException.invalidFilter("invalid filter '" + filter + "'");
    }
    List<Object> parameters = new ArrayList<>();
    try {
      String sql = parsed.visit(new Translator(parameters, columns), null);
      return new FilterSql(sql, parameters);
    } catch (BadRequestException e) {
      throw e;
    } catch (ScimException e) {
      throw BadRequestException.invalidFilter(e.getMessage());
    }
  }

  /**
   * The {@code order by} clause of a search: by the column of {@code sortBy} (strings ignoring
   * case, missing values last; a multi-valued attribute by its primary value, else its first), then
   * by {@code tieBreaker}; by {@code tieBreaker} alone when {@code sortBy} is null or blank. The
   * columns are read over the search's {@code from} (for Users, {@link ScimUsers#FROM}).
   *
   * @throws BadRequestException invalidValue for an attribute that cannot be sorted by (a complex
   *     one included)
   */
  static String orderBy(
      @Nullable String sortBy, boolean descending, Columns columns, String tieBreaker)
      throws BadRequestException {
    if (sortBy == null || sortBy.isBlank()) {
      return " order by " + tieBreaker;
    }
    UserMapping.Column column;
    try {
      column =
          columns
              .column(Path.fromString(sortBy), null)
              .filter(found -> found.kind() != UserMapping.Kind.COMPLEX)
              .orElseThrow(
                  () -> BadRequestException.invalidValue("cannot sort by '" + sortBy + "'"));
    } catch (BadRequestException | RuntimeException e) {
      throw BadRequestException.invalidValue("cannot sort by '" + sortBy + "'");
    }
    return " order by "
        + sortKey(column)
        + (descending ? " desc" : " asc")
        + " nulls last, "
        + tieBreaker;
  }

  /** The value to sort by: of a multi-valued attribute kept as a list, its primary, else first. */
  private static String sortKey(UserMapping.Column column) {
    String value =
        column.kind() == UserMapping.Kind.STRING
            ? "lower(" + column.sql() + ") collate \"C\""
            : column.sql();
    if (column.elements() == null) {
      return value;
    }
    return "(select "
        + value
        + ELEMENTS
        + column.elements()
        + ") e(v) order by coalesce((e.v->'primary')::boolean, false) desc limit 1)";
  }

  private static final String ELEMENTS = " from jsonb_array_elements(";

  /** The visitor; its parameter is the enclosing complex attribute of a value filter, or null. */
  private static final class Translator implements FilterVisitor<String, @Nullable String> {

    private final List<Object> parameters;
    private final Columns columns;

    Translator(List<Object> parameters, Columns columns) {
      this.parameters = parameters;
      this.columns = columns;
    }

    /** The condition on one attribute, outside a value filter made a condition on the resource. */
    private String scoped(Path path, @Nullable String prefix, String condition) {
      return prefix == null ? columns.anyValue(path, condition) : condition;
    }

    private UserMapping.Column column(Path path, @Nullable String prefix)
        throws BadRequestException {
      return columns
          .column(path, prefix)
          .orElseThrow(
              () ->
                  BadRequestException.invalidFilter(
                      "attribute '"
                          + (prefix == null ? "" : prefix + ".")
                          + path
                          + "' cannot be filtered on"));
    }

    /** A condition on some element of a multi-valued attribute. */
    private static String some(String elements, String condition) {
      return "exists (select 1" + ELEMENTS + elements + ") e(v) where " + condition + ")";
    }

    private String compare(
        Path path, ValueNode value, @Nullable String prefix, String operator, String name)
        throws BadRequestException {
      UserMapping.Column column = column(path, prefix);
      if (column.kind() == UserMapping.Kind.COMPLEX) {
        throw BadRequestException.invalidFilter(
            name + " needs a sub-attribute of complex attribute " + path);
      }
      if (column.elements() == null) {
        return compare(column, path, value, operator, name);
      }
      UserMapping.Column element = new UserMapping.Column(column.sql(), column.kind());
      if (operator.equals("<>")) {
        // no value equals it
        return "(not " + some(column.elements(), compare(element, path, value, "=", name)) + ")";
      }
      if (operator.equals("=")
          && column.equalityLookup() != null
          && value != null
          && value.isTextual()) {
        parameters.add(value.textValue());
        parameters.add(value.textValue());
        return column.equalityLookup();
      }
      return "(" + some(column.elements(), compare(element, path, value, operator, name)) + ")";
    }

    private String compare(
        UserMapping.Column column, Path path, ValueNode value, String operator, String name)
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
          parameters.add(value.asText());
          return switch (operator) {
            case "<>" -> "(" + column.sql() + " is null or " + column.sql() + " <> ?)";
            // plain equality, so that an index on the expression serves it
            case "=" -> "(" + column.sql() + " = ?)";
            default -> "(" + column.sql() + " " + operator + " ? collate \"C\")";
          };
        }
        default -> {
          parameters.add(value.asText());
          String lowered = "lower(" + column.sql() + ")";
          return switch (operator) {
            case "<>" -> "(" + column.sql() + " is null or " + lowered + " <> lower(?))";
            case "=" -> "(" + lowered + " = lower(?))";
            default -> "(" + lowered + " collate \"C\" " + operator + " lower(?) collate \"C\")";
          };
        }
      }
    }

    private String like(
        Path path, ValueNode value, @Nullable String prefix, String before, String after)
        throws BadRequestException {
      UserMapping.Column column = column(path, prefix);
      if (column.kind() != UserMapping.Kind.STRING
          && column.kind() != UserMapping.Kind.EXACT_STRING) {
        throw BadRequestException.invalidFilter(
            "co, sw and ew need a string attribute; " + path + " is not");
      }
      if (value == null || !value.isTextual()) {
        throw BadRequestException.invalidFilter("co, sw and ew need a string value");
      }
      String escaped =
          value.textValue().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
      parameters.add(before + escaped + after);
      String condition =
          column.kind() == UserMapping.Kind.EXACT_STRING
              ? "(" + column.sql() + " like ? escape '\\')"
              : "(lower(" + column.sql() + ") like lower(?) escape '\\')";
      return column.elements() == null ? condition : "(" + some(column.elements(), condition) + ")";
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

    @Override
    public String visit(EqualFilter filter, @Nullable String prefix) throws ScimException {
      Path path = filter.getAttributePath();
      return scoped(path, prefix, compare(path, filter.getComparisonValue(), prefix, "=", "eq"));
    }

    @Override
    public String visit(NotEqualFilter filter, @Nullable String prefix) throws ScimException {
      Path path = filter.getAttributePath();
      return scoped(path, prefix, compare(path, filter.getComparisonValue(), prefix, "<>", "ne"));
    }

    @Override
    public String visit(GreaterThanFilter filter, @Nullable String prefix) throws ScimException {
      return ordered(filter.getAttributePath(), filter.getComparisonValue(), prefix, ">", "gt");
    }

    @Override
    public String visit(GreaterThanOrEqualFilter filter, @Nullable String prefix)
        throws ScimException {
      return ordered(filter.getAttributePath(), filter.getComparisonValue(), prefix, ">=", "ge");
    }

    @Override
    public String visit(LessThanFilter filter, @Nullable String prefix) throws ScimException {
      return ordered(filter.getAttributePath(), filter.getComparisonValue(), prefix, "<", "lt");
    }

    @Override
    public String visit(LessThanOrEqualFilter filter, @Nullable String prefix)
        throws ScimException {
      return ordered(filter.getAttributePath(), filter.getComparisonValue(), prefix, "<=", "le");
    }

    private String ordered(
        Path path, ValueNode value, @Nullable String prefix, String operator, String name)
        throws BadRequestException {
      UserMapping.Kind kind = column(path, prefix).kind();
      if (kind == UserMapping.Kind.BOOLEAN || kind == UserMapping.Kind.COMPLEX) {
        throw BadRequestException.invalidFilter(
            name + " is not supported on " + kind.name().toLowerCase(Locale.ROOT) + " " + path);
      }
      if (value == null || value.isNull()) {
        throw BadRequestException.invalidFilter(name + " needs a value");
      }
      return scoped(path, prefix, compare(path, value, prefix, operator, name));
    }

    @Override
    public String visit(ContainsFilter filter, @Nullable String prefix) throws ScimException {
      Path path = filter.getAttributePath();
      return scoped(path, prefix, like(path, filter.getComparisonValue(), prefix, "%", "%"));
    }

    @Override
    public String visit(StartsWithFilter filter, @Nullable String prefix) throws ScimException {
      Path path = filter.getAttributePath();
      return scoped(path, prefix, like(path, filter.getComparisonValue(), prefix, "", "%"));
    }

    @Override
    public String visit(EndsWithFilter filter, @Nullable String prefix) throws ScimException {
      Path path = filter.getAttributePath();
      return scoped(path, prefix, like(path, filter.getComparisonValue(), prefix, "%", ""));
    }

    @Override
    public String visit(PresentFilter filter, @Nullable String prefix) throws ScimException {
      UserMapping.Column column = column(filter.getAttributePath(), prefix);
      String condition =
          column.kind() == UserMapping.Kind.STRING || column.kind() == UserMapping.Kind.EXACT_STRING
              ? "(" + column.sql() + " is not null and " + column.sql() + " <> '')"
              : "(" + column.sql() + " is not null)";
      return scoped(
          filter.getAttributePath(),
          prefix,
          column.elements() == null ? condition : "(" + some(column.elements(), condition) + ")");
    }

    @Override
    public String visit(AndFilter filter, @Nullable String prefix) throws ScimException {
      return combine(filter.getCombinedFilters(), " and ", prefix);
    }

    @Override
    public String visit(OrFilter filter, @Nullable String prefix) throws ScimException {
      return combine(filter.getCombinedFilters(), " or ", prefix);
    }

    private String combine(List<Filter> filters, String operator, @Nullable String prefix)
        throws ScimException {
      List<String> parts = new ArrayList<>();
      for (Filter part : filters) {
        parts.add(part.visit(this, prefix));
      }
      return "(" + String.join(operator, parts) + ")";
    }

    @Override
    public String visit(NotFilter filter, @Nullable String prefix) throws ScimException {
      return "(not coalesce(" + filter.getInvertedFilter().visit(this, prefix) + ", false))";
    }

    @Override
    public String visit(ComplexValueFilter filter, @Nullable String prefix) throws ScimException {
      if (prefix != null) {
        throw BadRequestException.invalidFilter("value filters cannot be nested");
      }
      Path path = filter.getAttributePath();
      UserMapping.Column column = column(path, prefix);
      String urn = path.getSchemaUrn();
      // the enclosing attribute as the sub-attributes' columns are looked up within
      String attribute =
          urn != null && urn.equalsIgnoreCase(ScimSchemas.ENTERPRISE)
              ? UserMapping.key(path, null)
              : path.getElement(path.size() - 1).getAttribute();
      boolean ownTable = !columns.anyValue(path, "true").equals("true");
      if (path.size() != 1
          || (column.kind() != UserMapping.Kind.COMPLEX
              && column.elements() == null
              && !ownTable)) {
        throw BadRequestException.invalidFilter(
            "a value filter needs a complex attribute; " + path + " is not");
      }
      if (column.elements() != null) {
        // some value of the stored list has sub-attributes that match
        return "(" + some(column.elements(), filter.getValueFilter().visit(this, attribute)) + ")";
      }
      // the value exists and its sub-attributes match (for values in their own table, one value)
      String exists = visit(new PresentFilterProbe(path).filter(), null);
      String values = columns.anyValue(path, filter.getValueFilter().visit(this, attribute));
      return "(" + exists + " and " + values + ")";
    }
  }

  /** A presence test of a complex attribute, built through the SDK. */
  private record PresentFilterProbe(Path path) {
    PresentFilter filter() {
      return (PresentFilter) Filter.pr(path);
    }
  }
}
