package io.tenure.connector.scim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tenure.connector.spi.BatchCall;
import io.tenure.connector.spi.BatchResult;
import io.tenure.connector.spi.Connector;
import io.tenure.connector.spi.ConnectorException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Runs a batch of calls: the creates among them go in {@code POST /Bulk} requests through {@link
 * ScimBulk} when the provider supports bulk and the settings allow it; every other call runs as the
 * single call. Thread-safe.
 */
final class BulkBatches {

  private final ServiceProvider provider;
  private final UserResources users;
  private final ScimBulk bulk;

  BulkBatches(ServiceProvider provider, UserResources users, ScimBulk bulk) {
    this.provider = provider;
    this.users = users;
    this.bulk = bulk;
  }

  /**
   * The most calls of one batch: {@code bulk.maxOperations}, lowered to the provider's {@code
   * bulk.maxOperations}; 1 (no batching) when bulk is not used or the provider cannot be read.
   */
  int maxBatchSize() {
    ProviderFeatures features;
    try {
      features = provider.features();
    } catch (ConnectorException e) {
      return 1;
    }
    if (!features.bulk()) {
      return 1;
    }
    int configured = provider.settings().bulkMaxOperations();
    return features.bulkMaxOperations() > 0
        ? Math.min(configured, features.bulkMaxOperations())
        : configured;
  }

  /**
   * Creates go in {@code POST /Bulk} requests (without {@code failOnErrors}, so every operation is
   * attempted), split by {@link #maxBatchSize()} and the provider's {@code maxPayloadSize}; every
   * other call, and every call when bulk is not used, is run as the single call on {@code
   * connector}, after the bulk requests.
   *
   * @throws ConnectorException when the first bulk request fails as a whole (before any other call
   *     ran); a later one that fails gives its creates that error
   */
  List<BatchResult> execute(List<BatchCall> calls, Connector connector) {
    BatchResult[] results = new BatchResult[calls.size()];
    List<Integer> creates = new ArrayList<>();
    boolean useBulk = maxBatchSize() > 1;
    for (int index = 0; index < calls.size(); index++) {
      if (useBulk && calls.get(index) instanceof BatchCall.Create) {
        creates.add(index);
      }
    }
    List<ObjectNode> sentUsers = new ArrayList<>();
    for (int index : creates) {
      sentUsers.add(users.userOf(((BatchCall.Create) calls.get(index)).account()));
    }
    boolean first = true;
    for (List<Integer> request :
        ScimBulk.requests(sentUsers, maxBatchSize(), provider.features().bulkMaxPayloadSize())) {
      List<String> names = new ArrayList<>();
      List<ObjectNode> sent = new ArrayList<>();
      for (int position : request) {
        names.add(((BatchCall.Create) calls.get(creates.get(position))).account().name());
        sent.add(sentUsers.get(position));
      }
      List<BatchResult> answers;
      try {
        answers = bulk.create(names, sent);
      } catch (ConnectorException e) {
        if (first) {
          throw e;
        }
        answers = Collections.nCopies(request.size(), BatchResult.failed(e));
      }
      first = false;
      for (int position = 0; position < request.size(); position++) {
        results[creates.get(request.get(position))] = answers.get(position);
      }
    }
    for (int index = 0; index < calls.size(); index++) {
      if (results[index] == null) {
        results[index] = BatchCall.runSingly(calls.get(index), connector);
      }
    }
    return List.of(results);
  }
}
