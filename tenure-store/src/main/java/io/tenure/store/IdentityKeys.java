package io.tenure.store;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * The identity attributes the store indexes for exact lookups, and the SQL conditions that find an
 * identity by an attribute's value on those indexes (V76; {@code email} and {@code externalId}
 * since V8; {@code userName}, which SCIM correlates on, since V79). Every other attribute is found
 * right too, by reading every identity: configure correlation keys and account correlation on
 * indexed attributes for a large store.
 *
 * <p>Each condition is SQL text with the attribute's name written in it as a literal (an index on
 * an expression serves only a query that has the same expression, so the name cannot be a bind
 * parameter) and no parameter of its own: the caller's value expression keeps its place among the
 * statement's parameters.
 */
public final class IdentityKeys {

  /** The attributes with an index of their exact value (email's is of its lower-cased value). */
  public static final Set<String> INDEXED =
      Set.of("employeeId", "managerId", "email", "externalId", "userName");

  private static final String EMAIL = "email";
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_.:-]+");

  private IdentityKeys() {}

  /**
   * The condition "the attribute of the identity row {@code alias} equals {@code value}", on the
   * attribute's index when it has one. Look many values up by joining the identities to them, for
   * example {@code from unnest(?::text[]) as v(value) join identities i on equalTo("i", attribute,
   * "v.value")}, and one value through {@code (select ?::text as value) as v}.
   *
   * @param alias the alias of the {@code identities} row in the statement
   * @param attribute the identity attribute's name
   * @param value a text column or an expression without parameters: it is written twice for {@code
   *     email} (lower-cased for its index, then exact)
   */
  public static String equalTo(String alias, String attribute, String value) {
    String exact = attributeOf(alias, attribute) + " = " + value;
    if (EMAIL.equals(attribute)) {
      return "(lower("
          + attributeOf(alias, attribute)
          + ") = lower("
          + value
          + ") and "
          + exact
          + ")";
    }
    return "(" + exact + ")";
  }

  /**
   * The condition "the attribute of the identity row {@code alias} is one of the values of the text
   * array parameter" (one {@code ?}), on the attribute's index when it has one, with no join: the
   * index is searched for the array's values ({@code = any}) whatever the planner thinks of the
   * table's size. For {@code email} the condition is on the lower-cased value (its index's form,
   * the array lower-cased by the database once): the caller keeps only the identities whose exact
   * value is among the values.
   */
  public static String anyOf(String alias, String attribute) {
    if (EMAIL.equals(attribute)) {
      return "(lower("
          + attributeOf(alias, attribute)
          + ") = any(array(select lower(v) from unnest(?::text[]) as v)))";
    }
    return "(" + attributeOf(alias, attribute) + " = any(?::text[]))";
  }

  /** {@code (alias.attributes ->> 'attribute')}: the expression of the indexes. */
  public static String attributeOf(String alias, String attribute) {
    return "(" + alias + ".attributes ->> " + literal(attribute) + ")";
  }

  /**
   * A SQL string literal of the name: plain names as {@code 'name'} (as the indexes are written),
   * others as an escape string with quotes and backslashes escaped, which reads the same whatever
   * {@code standard_conforming_strings} is.
   */
  static String literal(String name) {
    if (PLAIN.matcher(name).matches()) {
      return "'" + name + "'";
    }
    return "E'" + name.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }
}
