package io.tenure.cli;

import io.tenure.governance.request.AccessRequest;
import io.tenure.governance.request.RequestEvent;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Requests as JSON for {@code --format json}. */
final class RequestsJson {

  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private RequestsJson() {}

  static ObjectNode list(List<AccessRequest> requests) {
    ObjectNode root = MAPPER.createObjectNode();
    ArrayNode items = root.putArray("requests");
    requests.forEach(request -> items.add(request(request)));
    return root;
  }

  static ObjectNode request(AccessRequest request) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("id", request.id().value());
    node.put("state", request.state().label());
    node.put("role", request.role().value());
    node.put("beneficiary", request.beneficiaryEmployeeId());
    node.put("requester", request.requester());
    node.put("justification", request.justification());
    node.put("until", request.until() == null ? null : request.until().toString());
    ArrayNode chain = node.putArray("chain");
    request.chain().forEach(chain::add);
    node.put("step", request.stepName());
    ArrayNode approvers = node.putArray("approvers");
    request.approvers().forEach(approvers::add);
    node.put("deadline", request.stepDeadline() == null ? null : request.stepDeadline().toString());
    node.put("escalated", request.escalated());
    node.put("sodException", request.sodRule());
    node.put("assignment", request.assignment() == null ? null : request.assignment().value());
    node.put("createdAt", request.createdAt().toString());
    node.put("updatedAt", request.updatedAt().toString());
    node.put("outcome", request.outcome());
    return node;
  }

  static ObjectNode detail(AccessRequest request, List<RequestEvent> history) {
    ObjectNode node = request(request);
    ArrayNode events = node.putArray("history");
    for (RequestEvent event : history) {
      ObjectNode entry = events.addObject();
      entry.put("at", event.at().toString());
      entry.put("actor", event.actor());
      entry.put("action", event.action());
      entry.put("step", event.step());
      entry.put("comment", event.comment());
    }
    return node;
  }

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }
}
