package io.tenure.connector.scim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.client.requests.SearchRequestBuilder;
import com.unboundid.scim2.common.GenericScimResource;
import com.unboundid.scim2.common.exceptions.ScimException;
import com.unboundid.scim2.common.filters.Filter;
import com.unboundid.scim2.common.messages.ListResponse;
import com.unboundid.scim2.common.utils.FilterEvaluator;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * The resources of an endpoint, read lazily one page at a time ({@code startIndex}/{@code count}):
 * pages of {@code pageSize}, lowered to the provider's {@code maxResults}. The filter is sent to
 * the provider when it supports filtering, else applied here. Each page is a complete request, so
 * leaving the iteration early holds nothing open. Not thread-safe.
 */
final class ResourcePages implements Iterator<ObjectNode> {

  private final ServiceProvider provider;
  private final String endpoint;
  private final @Nullable Filter filter;
  private final String action;
  private final Deque<ObjectNode> buffer = new ArrayDeque<>();
  private int startIndex = 1;
  private boolean exhausted;

  /**
   * @param filter the resources to keep, null for all
   * @param action what the reading is for, for messages ("read of accounts")
   */
  ResourcePages(ServiceProvider provider, String endpoint, @Nullable Filter filter, String action) {
    this.provider = provider;
    this.endpoint = endpoint;
    this.filter = filter;
    this.action = action;
  }

  @Override
  public boolean hasNext() {
    while (buffer.isEmpty() && !exhausted) {
      fetch();
    }
    return !buffer.isEmpty();
  }

  @Override
  public ObjectNode next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return buffer.removeFirst();
  }

  private void fetch() {
    ProviderFeatures features = provider.features();
    int pageSize = provider.settings().pageSize();
    int count = features.maxResults() > 0 ? Math.min(pageSize, features.maxResults()) : pageSize;
    boolean serverFilter = filter != null && features.filter();
    int index = startIndex;
    ListResponse<GenericScimResource> page =
        provider.execute(
            action,
            service -> {
              SearchRequestBuilder request = service.searchRequest(endpoint).page(index, count);
              if (serverFilter) {
                request.filter(filter.toString());
              }
              return request.invoke(GenericScimResource.class);
            });
    List<GenericScimResource> resources = page.getResources();
    Predicate<ObjectNode> keep = serverFilter || filter == null ? r -> true : this::matches;
    for (GenericScimResource resource : resources) {
      if (keep.test(resource.getObjectNode())) {
        buffer.addLast(resource.getObjectNode());
      }
    }
    startIndex += resources.size();
    if (resources.isEmpty() || startIndex > page.getTotalResults()) {
      exhausted = true;
    }
  }

  private boolean matches(ObjectNode resource) {
    try {
      return FilterEvaluator.evaluate(filter, resource);
    } catch (ScimException e) {
      throw provider.fromScimException(action, e);
    }
  }
}
