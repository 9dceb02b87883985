package io.tenure.scim.server;

import java.util.List;

/**
 * A page of search results.
 *
 * @param totalResults how many resources match in all
 * @param startIndex the 1-based index of the page's first resource
 * @param resources the page's resources
 */
record ResourcePage(long totalResults, int startIndex, List<ServedResource> resources) {

  ResourcePage {
    resources = List.copyOf(resources);
  }
}
