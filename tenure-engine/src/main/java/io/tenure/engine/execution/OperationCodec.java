package io.tenure.engine.execution;

import io.tenure.core.account.TargetId;
import io.tenure.core.identity.IdentityId;
import io.tenure.core.plan.AddEntitlement;
import io.tenure.core.plan.AttributeChange;
import io.tenure.core.plan.CreateAccount;
import io.tenure.core.plan.DeleteAccount;
import io.tenure.core.plan.DisableAccount;
import io.tenure.core.plan.EnableAccount;
import io.tenure.core.plan.Operation;
import io.tenure.core.plan.OperationKind;
import io.tenure.core.plan.Reason;
import io.tenure.core.plan.RemoveEntitlement;
import io.tenure.core.plan.UpdateAccount;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes a plan {@link Operation} as JSON and reads it back, reason chain included. The JSON names
 * the kind ({@code "kind": "CREATE_ACCOUNT"}) and every field of the record, so that a stored
 * operation can be read without any other column. Used for the operations' {@code payload}, and by
 * the CLI's {@code --format json}.
 */
public final class OperationCodec {

  private final JsonMapper mapper;

  public OperationCodec(JsonMapper mapper) {
    this.mapper = mapper;
  }

  public OperationCodec() {
    this(JsonMapper.builder().build());
  }

  /** The operation as a JSON object. */
  public ObjectNode toTree(Operation operation) {
    ObjectNode node = mapper.createObjectNode();
    node.put("kind", operation.kind().name());
    node.put("target", operation.target().value());
    node.put("username", operation.username());
    IdentityId owner = operation.owner();
    if (owner == null) {
      node.putNull("owner");
    } else {
      node.put("owner", owner.value());
    }
    if (operation instanceof CreateAccount create) {
      ObjectNode attributes = node.putObject("attributes");
      create.attributes().forEach(attributes::put);
      node.put("enabled", create.enabled());
    } else if (operation instanceof UpdateAccount update) {
      ArrayNode changes = node.putArray("changes");
      for (AttributeChange change : update.changes()) {
        ObjectNode item = changes.addObject();
        item.put("attribute", change.attribute());
        putNullable(item, "oldValue", change.oldValue());
        putNullable(item, "newValue", change.newValue());
      }
    } else if (operation instanceof AddEntitlement add) {
      node.put("entitlement", add.entitlement());
    } else if (operation instanceof RemoveEntitlement remove) {
      node.put("entitlement", remove.entitlement());
    }
    ArrayNode reason = node.putArray("reason");
    operation.reason().chain().forEach(reason::add);
    return node;
  }

  /**
   * The operation as a JSON text: the text of {@link #toTree}, written straight to the text without
   * the tree (a plan writes one per operation).
   */
  public String write(Operation operation) {
    StringWriter text = new StringWriter(192);
    try (JsonGenerator json = mapper.createGenerator(text)) {
      json.writeStartObject();
      json.writeStringProperty("kind", operation.kind().name());
      json.writeStringProperty("target", operation.target().value());
      json.writeStringProperty("username", operation.username());
      IdentityId owner = operation.owner();
      json.writeStringProperty("owner", owner == null ? null : owner.value());
      if (operation instanceof CreateAccount create) {
        json.writeObjectPropertyStart("attributes");
        for (Map.Entry<String, String> attribute : create.attributes().entrySet()) {
          json.writeStringProperty(attribute.getKey(), attribute.getValue());
        }
        json.writeEndObject();
        json.writeBooleanProperty("enabled", create.enabled());
      } else if (operation instanceof UpdateAccount update) {
        json.writeArrayPropertyStart("changes");
        for (AttributeChange change : update.changes()) {
          json.writeStartObject();
          json.writeStringProperty("attribute", change.attribute());
          json.writeStringProperty("oldValue", change.oldValue());
          json.writeStringProperty("newValue", change.newValue());
          json.writeEndObject();
        }
        json.writeEndArray();
      } else if (operation instanceof AddEntitlement add) {
        json.writeStringProperty("entitlement", add.entitlement());
      } else if (operation instanceof RemoveEntitlement remove) {
        json.writeStringProperty("entitlement", remove.entitlement());
      }
      json.writeArrayPropertyStart("reason");
      for (String step : operation.reason().chain()) {
        json.writeString(step);
      }
      json.writeEndArray();
      json.writeEndObject();
    }
    return text.toString();
  }

  /** Reads an operation written by {@link #write}. */
  public Operation read(String json) {
    return fromTree(mapper.readTree(json));
  }

  /** Reads an operation from a tree made by {@link #toTree}. */
  public Operation fromTree(JsonNode node) {
    OperationKind kind = OperationKind.valueOf(text(node, "kind"));
    TargetId target = new TargetId(text(node, "target"));
    String username = text(node, "username");
    String ownerText = nullableText(node, "owner");
    IdentityId owner = ownerText == null ? null : new IdentityId(ownerText);
    List<String> chain = new ArrayList<>();
    node.get("reason").forEach(step -> chain.add(step.asString()));
    Reason reason = new Reason(chain);
    return switch (kind) {
      case CREATE_ACCOUNT -> {
        Map<String, String> attributes = new LinkedHashMap<>();
        node.get("attributes")
            .properties()
            .forEach(entry -> attributes.put(entry.getKey(), entry.getValue().asString()));
        yield new CreateAccount(
            target,
            username,
            requireOwner(owner),
            attributes,
            node.get("enabled").asBoolean(),
            reason);
      }
      case UPDATE_ACCOUNT -> {
        List<AttributeChange> changes = new ArrayList<>();
        node.get("changes")
            .forEach(
                item ->
                    changes.add(
                        new AttributeChange(
                            text(item, "attribute"),
                            nullableText(item, "oldValue"),
                            nullableText(item, "newValue"))));
        yield new UpdateAccount(target, username, owner, changes, reason);
      }
      case ENABLE_ACCOUNT -> new EnableAccount(target, username, owner, reason);
      case DISABLE_ACCOUNT -> new DisableAccount(target, username, owner, reason);
      case DELETE_ACCOUNT -> new DeleteAccount(target, username, owner, reason);
      case ADD_ENTITLEMENT ->
          new AddEntitlement(target, username, owner, text(node, "entitlement"), reason);
      case REMOVE_ENTITLEMENT ->
          new RemoveEntitlement(target, username, owner, text(node, "entitlement"), reason);
    };
  }

  private static IdentityId requireOwner(@Nullable IdentityId owner) {
    if (owner == null) {
      throw new IllegalArgumentException("a stored CREATE_ACCOUNT operation has no owner");
    }
    return owner;
  }

  private static void putNullable(ObjectNode node, String field, @Nullable String value) {
    if (value == null) {
      node.putNull(field);
    } else {
      node.put(field, value);
    }
  }

  private static String text(JsonNode node, String field) {
    String value = nullableText(node, field);
    if (value == null) {
      throw new IllegalArgumentException("stored operation lacks '" + field + "'");
    }
    return value;
  }

  private static @Nullable String nullableText(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asString();
  }
}
