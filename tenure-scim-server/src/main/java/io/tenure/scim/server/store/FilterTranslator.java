package io.tenure.scim.server.store;

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
import io.tenure.scim.server.schema.NamedAttribute;
import io.tenure.scim.server.schema.ScimSchemas;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A parsed SCIM filter as a SQL condition ({@link FilterSql}): the visitor's parameter is the
 * enclosing complex attribute of a value filter, or null.
 */
final class FilterTranslator implements FilterVisitor<String, @Nullable String> {

  private final ColumnConditions conditions;
  private final FilterSql.Columns columns;

  /**
   * @param parameters where the values bound to the condition's {@code ?} are added, in order
   * @param columns the attributes the filter may name
   */
  FilterTranslator(List<Object> parameters, FilterSql.Columns columns) {
    this.conditions = new ColumnConditions(parameters);
    this.columns = columns;
  }

  /** The condition on one attribute, outside a value filter made a condition on the resource. */
  private String scoped(Path path, @Nullable String prefix, String condition) {
    return prefix == null ? columns.anyValue(path, condition) : condition;
  }

  private Column column(Path path, @Nullable String prefix) throws BadRequestException {
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

  private String compare(
      Path path, ValueNode value, @Nullable String prefix, String operator, String name)
      throws BadRequestException {
    return conditions.compare(column(path, prefix), path, value, operator, name);
  }

  private String like(
      Path path, ValueNode value, @Nullable String prefix, String before, String after)
      throws BadRequestException {
    return conditions.like(column(path, prefix), path, value, before, after);
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
  public String visit(LessThanOrEqualFilter filter, @Nullable String prefix) throws ScimException {
    return ordered(filter.getAttributePath(), filter.getComparisonValue(), prefix, "<=", "le");
  }

  private String ordered(
      Path path, ValueNode value, @Nullable String prefix, String operator, String name)
      throws BadRequestException {
    Column.Kind kind = column(path, prefix).kind();
    if (kind == Column.Kind.BOOLEAN || kind == Column.Kind.COMPLEX) {
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
    Column column = column(filter.getAttributePath(), prefix);
    String condition =
        column.kind() == Column.Kind.STRING || column.kind() == Column.Kind.EXACT_STRING
            ? "(" + column.sql() + " is not null and " + column.sql() + " <> '')"
            : "(" + column.sql() + " is not null)";
    return scoped(
        filter.getAttributePath(),
        prefix,
        column.elements() == null
            ? condition
            : "(" + ColumnConditions.some(column.elements(), condition) + ")");
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
    Column column = column(path, prefix);
    String urn = path.getSchemaUrn();
    // the enclosing attribute as the sub-attributes' columns are looked up within
    String attribute =
        urn != null && urn.equalsIgnoreCase(ScimSchemas.ENTERPRISE)
            ? NamedAttribute.key(path, null)
            : path.getElement(path.size() - 1).getAttribute();
    boolean ownTable = !columns.anyValue(path, "true").equals("true");
    if (path.size() != 1
        || (column.kind() != Column.Kind.COMPLEX && column.elements() == null && !ownTable)) {
      throw BadRequestException.invalidFilter(
          "a value filter needs a complex attribute; " + path + " is not");
    }
    if (column.elements() != null) {
      // some value of the stored list has sub-attributes that match
      return "("
          + ColumnConditions.some(column.elements(), filter.getValueFilter().visit(this, attribute))
          + ")";
    }
    // the value exists and its sub-attributes match (for values in their own table, one value)
    String exists = visit(new PresentFilterProbe(path).filter(), null);
    String values = columns.anyValue(path, filter.getValueFilter().visit(this, attribute));
    return "(" + exists + " and " + values + ")";
  }

  /** A presence test of a complex attribute, built through the SDK. */
  private record PresentFilterProbe(Path path) {
    PresentFilter filter() {
      return (PresentFilter) Filter.pr(path);
    }
  }
}
