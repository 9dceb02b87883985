package io.tenure.scim.server.store;

import com.unboundid.scim2.common.Path;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.exceptions.ScimException;
import com.unboundid.scim2.common.filters.Filter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A SCIM filter (parsed by the SDK) as a SQL condition over {@code identities i} left-joined with
 * {@code scim_users s}, with bound parameters: nothing from the filter text reaches the SQL except
 * attribute names resolved against {@link io.tenure.scim.server.schema.UserSchema}. String
 * comparisons are case-insensitive except on case-exact attributes ({@code id}, {@code externalId},
 * {@code manager.value}, references, binaries); {@code ne} matches absent values too; a condition
 * on a multi-valued attribute holds if it holds for some value ({@code ne}: if none equals), and a
 * value filter such as {@code emails[type eq "work" and value co "@x"]} holds if one value meets
 * all of it. Equality is written plainly so that expression indexes serve {@code userName}, {@code
 * externalId} and {@code emails.value} lookups.
 *
 * @param sql the condition
 * @param parameters the values bound to its {@code ?} in order
 */
public record FilterSql(String sql, List<Object> parameters) {

  public FilterSql {
    parameters = List.copyOf(parameters);
  }

  /** Everything. */
  static FilterSql all() {
    return new FilterSql("true", List.of());
  }

  /** The attributes a filter may name, as SQL over the table searched. */
  interface Columns {

    /** The column of an attribute path (within the complex attribute {@code prefix}, or null). */
    Optional<Column> column(Path path, @Nullable String prefix);

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
   * @throws BadRequestException invalidFilter for a filter beyond {@link FilterLimits}, bad syntax,
   *     an unknown attribute or an operator the attribute does not support
   */
  public static FilterSql of(String filter) throws BadRequestException {
    return of(filter, UserColumns::column);
  }

  /**
   * Parses and translates a filter over the attributes {@code columns} names.
   *
   * @throws BadRequestException invalidFilter for a filter beyond {@link FilterLimits} (checked
   *     before it is parsed), bad syntax, an unknown attribute or an operator the attribute does
   *     not support
   */
  static FilterSql of(String filter, Columns columns) throws BadRequestException {
    FilterLimits.check(filter, "filter");
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
      String sql = parsed.visit(new FilterTranslator(parameters, columns), null);
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
   * columns are read over the search's {@code from} (for Users, {@link UserSql#FROM}).
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
    if (sortBy.length() > FilterLimits.MAX_LENGTH) {
      throw BadRequestException.invalidValue("cannot sort by an attribute path that long");
    }
    Column column;
    try {
      column =
          columns
              .column(Path.fromString(sortBy), null)
              .filter(found -> found.kind() != Column.Kind.COMPLEX)
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
  private static String sortKey(Column column) {
    String value =
        column.kind() == Column.Kind.STRING
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

  static final String ELEMENTS = " from jsonb_array_elements(";
}
