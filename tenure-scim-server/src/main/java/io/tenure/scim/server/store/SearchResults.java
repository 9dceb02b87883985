package io.tenure.scim.server.store;

import java.util.List;

/**
 * What a search found.
 *
 * @param total how many match the filter in all
 * @param page the matches of the page asked for, in order
 */
public record SearchResults<T>(long total, List<T> page) {

  public SearchResults {
    page = List.copyOf(page);
  }
}
