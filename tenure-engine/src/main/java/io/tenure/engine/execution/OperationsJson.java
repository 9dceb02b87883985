package io.tenure.engine.execution;

import java.util.List;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON view of queued operations that both {@code tenure operations --format json} and {@code
 * GET /api/v1/operations} answer: {@code {"operations": [{id, plan, sequence, state, kind, target,
 * username, change, attempts, lastError, nextAttemptAt, claimedBy, updatedAt}, ...]}}.
 */
public final class OperationsJson {

  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private OperationsJson() {}

  /** The operations, in the order given. */
  public static ObjectNode of(List<QueuedOperation> operations) {
    ObjectNode root = MAPPER.createObjectNode();
    ArrayNode items = root.putArray("operations");
    for (QueuedOperation queued : operations) {
      StoredOperation stored = queued.operation();
      ObjectNode item = items.addObject();
      item.put("id", stored.id().value());
      item.put("plan", stored.plan().value());
      item.put("sequence", stored.sequence());
      item.put("state", stored.state().name());
      item.put("kind", stored.operation().kind().name());
      item.put("target", stored.operation().target().value());
      item.put("username", stored.operation().username());
      item.put("change", stored.operation().describe());
      item.put("attempts", stored.attempts());
      item.put("lastError", stored.lastError());
      item.put(
          "nextAttemptAt",
          queued.nextAttemptAt() == null ? null : queued.nextAttemptAt().toString());
      item.put("claimedBy", queued.claimedBy());
      item.put("updatedAt", queued.updatedAt().toString());
    }
    return root;
  }
}
