package io.tenure.scim.server.store;

import org.jspecify.annotations.Nullable;

/**
 * A page of a search, as the SCIM protocol asks for it.
 *
 * @param filter the SCIM filter, or null (or blank) for everything
 * @param sortBy the attribute to sort by, or null (or blank) for the store's own order
 * @param descending whether sortBy sorts in descending order
 * @param offset how many matches to skip (the 1-based startIndex minus one)
 * @param limit how many matches to return at most; 0 counts them only
 */
public record SearchQuery(
    @Nullable String filter, @Nullable String sortBy, boolean descending, long offset, int limit) {

  public SearchQuery {
    if (offset < 0 || limit < 0) {
      throw new IllegalArgumentException("offset and limit must not be negative");
    }
  }

  /** Whether the query has a filter. */
  boolean filtered() {
    return filter != null && !filter.isBlank();
  }
}
