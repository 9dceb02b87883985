package io.tenure.scim.server.store;

import org.jspecify.annotations.Nullable;

/**
 * The SQL of an attribute that filters and sortBy may name, and its kind.
 *
 * @param sql over the table searched (for Users {@code identities i} and {@code scim_users s}); or,
 *     when {@code elements} is set or the column is a sub-attribute inside a value filter, over one
 *     element {@code e.v}
 * @param elements the jsonb array of a multi-valued attribute whose elements {@code sql} reads (a
 *     condition holds if it holds for some element), or null
 * @param equalityLookup for an indexed {@code eq}: a condition with two {@code ?} both bound to the
 *     value, or null
 */
record Column(String sql, Kind kind, @Nullable String elements, @Nullable String equalityLookup) {

  Column(String sql, Kind kind) {
    this(sql, kind, null, null);
  }

  /** The kind of value a column holds, which decides the operators it supports. */
  enum Kind {
    STRING,
    EXACT_STRING,
    BOOLEAN,
    DATE_TIME,
    /** A complex value: only {@code pr} applies. */
    COMPLEX
  }
}
