package io.tenure.connector.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tenure.connector.spi.BatchResult;
import io.tenure.connector.spi.ConnectorException;
import io.tenure.connector.spi.ErrorKind;
import io.tenure.connector.spi.RemoteAccount;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Creates of Users in SCIM {@code POST /Bulk} requests (RFC 7644 §3.7): one {@code POST /Users}
 * operation with a {@code bulkId} per account and no {@code failOnErrors}, so that the provider
 * attempts every operation; each operation's {@code status} is mapped to the result the single
 * create would have given.
 */
final class ScimBulk {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SCIM_JSON = "application/scim+json";
  private static final String BULK_REQUEST_SCHEMA =
      "urn:ietf:params:scim:api:messages:2.0:BulkRequest";

  /** The bytes of a bulk request around its operations, with room to spare. */
  private static final int ENVELOPE_BYTES = 256;

  private final String targetName;
  private final WebTarget provider;
  private final ScimCalls calls;
  private final Function<ObjectNode, RemoteAccount> toAccount;

  /**
   * @param provider the provider's base URL
   * @param toAccount the account of a created User resource, as the single create reports it
   */
  ScimBulk(
      String targetName,
      WebTarget provider,
      ScimCalls calls,
      Function<ObjectNode, RemoteAccount> toAccount) {
    this.targetName = targetName;
    this.provider = provider;
    this.calls = calls;
    this.toAccount = toAccount;
  }

  /**
   * The users (by index) grouped into bulk requests of at most {@code maxOperations} operations
   * and, when {@code maxPayloadSize} is positive, at most that many bytes (a user too large for it
   * alone goes alone).
   */
  static List<List<Integer>> requests(
      List<ObjectNode> users, int maxOperations, int maxPayloadSize) {
    List<List<Integer>> requests = new ArrayList<>();
    List<Integer> current = new ArrayList<>();
    long size = ENVELOPE_BYTES;
    for (int index = 0; index < users.size(); index++) {
      long operationSize =
          operation(index, users.get(index)).toString().getBytes(StandardCharsets.UTF_8).length + 1;
      boolean full =
          current.size() >= maxOperations
              || maxPayloadSize > 0 && size + operationSize > maxPayloadSize;
      if (full && !current.isEmpty()) {
        requests.add(current);
        current = new ArrayList<>();
        size = ENVELOPE_BYTES;
      }
      current.add(index);
      size += operationSize;
    }
    if (!current.isEmpty()) {
      requests.add(current);
    }
    return requests;
  }

  private static ObjectNode operation(int index, ObjectNode user) {
    ObjectNode operation = NODES.objectNode();
    operation.put("method", "POST");
    operation.put("bulkId", "create-" + index);
    operation.put("path", "/" + ScimConnector.USERS);
    operation.set("data", user);
    return operation;
  }

  /**
   * One {@code POST /Bulk} creating the users; a result per user, in order.
   *
   * @param names the accounts' names, for messages
   * @throws ConnectorException when the request fails as a whole
   */
  List<BatchResult> create(List<String> names, List<ObjectNode> users) {
    ObjectNode request = NODES.objectNode();
    request.putArray("schemas").add(BULK_REQUEST_SCHEMA);
    ArrayNode operations = request.putArray("Operations");
    for (int index = 0; index < users.size(); index++) {
      operations.add(operation(index, users.get(index)));
    }
    String action = "bulk create of " + users.size() + " account(s)";
    String body = request.toString();
    JsonNode answer =
        calls.execute(
            action,
            () -> {
              try (Response response =
                  provider
                      .path("Bulk")
                      .request(SCIM_JSON, MediaType.APPLICATION_JSON)
                      .post(Entity.entity(body, SCIM_JSON))) {
                String text = response.hasEntity() ? response.readEntity(String.class) : "";
                JsonNode json = parse(text);
                if (response.getStatus() / 100 != 2) {
                  throw errorOf(action, response.getStatus(), json);
                }
                return json;
              }
            });
    Map<String, JsonNode> byBulkId = new HashMap<>();
    JsonNode answered = ResourceJson.field(answer, "Operations");
    if (answered != null && answered.isArray()) {
      for (JsonNode operation : answered) {
        String bulkId = ResourceJson.text(operation, "bulkId");
        if (bulkId != null) {
          byBulkId.put(bulkId, operation);
        }
      }
    }
    List<BatchResult> results = new ArrayList<>();
    for (int index = 0; index < users.size(); index++) {
      results.add(
          result(
              "create of account '" + names.get(index) + "'",
              byBulkId.get("create-" + index),
              users.get(index)));
    }
    return results;
  }

  /** The result of one create of a bulk response, as the single create would have given it. */
  private BatchResult result(String action, @Nullable JsonNode operation, ObjectNode sent) {
    if (operation == null) {
      return BatchResult.failed(
          failure(action, "the provider's bulk response has no result for it"));
    }
    JsonNode statusNode = ResourceJson.field(operation, "status");
    int status = statusNode == null ? 500 : statusOf(statusNode);
    JsonNode response = ResourceJson.field(operation, "response");
    if (status / 100 != 2) {
      return BatchResult.failed(errorOf(action, status, response));
    }
    try {
      if (response instanceof ObjectNode created && ResourceJson.text(created, "id") != null) {
        return BatchResult.created(toAccount.apply(created));
      }
      String location = ResourceJson.text(operation, "location");
      if (location == null || location.isBlank()) {
        throw failure(
            action, "the provider's bulk response gives neither the account nor its location");
      }
      String trimmed =
          location.endsWith("/") ? location.substring(0, location.length() - 1) : location;
      ObjectNode created = sent.deepCopy();
      created.put("id", trimmed.substring(trimmed.lastIndexOf('/') + 1));
      return BatchResult.created(toAccount.apply(created));
    } catch (ConnectorException e) {
      return BatchResult.failed(e);
    }
  }

  private ConnectorException failure(String action, String problem) {
    return new ConnectorException(
        ErrorKind.OTHER, "target '" + targetName + "': " + action + ": " + problem);
  }

  /** The status of an operation: a string ("201") by RFC 7644, a number with some providers. */
  private static int statusOf(JsonNode status) {
    String text = status.asText().strip();
    try {
      return Integer.parseInt(text.length() > 3 ? text.substring(0, 3) : text);
    } catch (NumberFormatException e) {
      return 500;
    }
  }

  /** The classified error of an answer whose body may be a SCIM Error. */
  private ConnectorException errorOf(String action, int status, @Nullable JsonNode error) {
    return calls.fromError(
        action,
        status,
        error == null ? null : ResourceJson.text(error, "scimType"),
        error == null ? null : ResourceJson.text(error, "detail"),
        null);
  }

  private static @Nullable JsonNode parse(String text) {
    if (text.isBlank()) {
      return null;
    }
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      return null;
    }
  }
}
