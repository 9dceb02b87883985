package io.tenure.scim.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.exceptions.ResourceNotFoundException;
import com.unboundid.scim2.common.exceptions.ScimException;
import io.tenure.scim.server.schema.ScimSchemas;
import io.tenure.scim.server.schema.UserSchema;
import java.util.List;

/**
 * ServiceProviderConfig, ResourceTypes and Schemas, saying what the server really does: PATCH,
 * filters (evaluated in the database), sorting, ETags and bulk are supported (for Users and
 * Groups); password change is not; the User schemas are {@link UserSchema}: every attribute of the
 * core User schema and the enterprise extension is kept, except the password, and a User's groups
 * are read-only (changed through the Groups).
 */
final class ScimDiscovery {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  ObjectNode serviceProviderConfig(String baseUrl) {
    ObjectNode config = NODES.objectNode();
    config.putArray("schemas").add(ScimSchemas.SERVICE_PROVIDER_CONFIG);
    config.putObject("patch").put("supported", true);
    config
        .putObject("bulk")
        .put("supported", true)
        .put("maxOperations", ScimBulk.MAX_OPERATIONS)
        .put("maxPayloadSize", ScimBulk.MAX_PAYLOAD_SIZE);
    config.putObject("filter").put("supported", true).put("maxResults", ScimUsers.MAX_RESULTS);
    config.putObject("changePassword").put("supported", false);
    config.putObject("sort").put("supported", true);
    config.putObject("etag").put("supported", true);
    config
        .putArray("authenticationSchemes")
        .addObject()
        .put("type", "oauthbearertoken")
        .put("name", "Bearer token")
        .put("description", "A token made by 'tenure token create --scope scim'")
        .put("primary", true);
    config
        .putObject("meta")
        .put("resourceType", "ServiceProviderConfig")
        .put("location", baseUrl + "/ServiceProviderConfig");
    return config;
  }

  List<ObjectNode> resourceTypes(String baseUrl) {
    ObjectNode user = resourceType("User", "/Users", ScimSchemas.USER, "People", baseUrl);
    user.putArray("schemaExtensions")
        .addObject()
        .put("schema", ScimSchemas.ENTERPRISE)
        .put("required", false);
    ObjectNode group =
        resourceType(
            "Group",
            "/Groups",
            ScimSchemas.GROUP,
            "Groups of Users; a Group named like a configured role assigns that role",
            baseUrl);
    return List.of(user, group);
  }

  ObjectNode resourceType(String name, String baseUrl) throws ScimException {
    return resourceTypes(baseUrl).stream()
        .filter(type -> type.get("id").textValue().equalsIgnoreCase(name))
        .findFirst()
        .orElseThrow(() -> new ResourceNotFoundException("no resource type " + name));
  }

  private static ObjectNode resourceType(
      String name, String endpoint, String schema, String description, String baseUrl) {
    ObjectNode type = NODES.objectNode();
    type.putArray("schemas").add(ScimSchemas.RESOURCE_TYPE);
    type.put("id", name);
    type.put("name", name);
    type.put("endpoint", endpoint);
    type.put("description", description);
    type.put("schema", schema);
    type.putObject("meta")
        .put("resourceType", "ResourceType")
        .put("location", baseUrl + "/ResourceTypes/" + name);
    return type;
  }

  List<ObjectNode> schemas(String baseUrl) {
    return List.of(userSchema(baseUrl), enterpriseSchema(baseUrl), groupSchema(baseUrl));
  }

  ObjectNode schema(String id, String baseUrl) throws ScimException {
    return schemas(baseUrl).stream()
        .filter(schema -> schema.get("id").textValue().equalsIgnoreCase(id))
        .findFirst()
        .orElseThrow(() -> new ResourceNotFoundException("no schema " + id));
  }

  private static ObjectNode userSchema(String baseUrl) {
    ObjectNode schema =
        schema(ScimSchemas.USER, "User", "People in Tenure's identity store", baseUrl);
    ArrayNode attributes = schema.putArray("attributes");
    UserSchema.CORE.forEach(attribute -> attributes.add(attribute.describe()));
    return schema;
  }

  private static ObjectNode enterpriseSchema(String baseUrl) {
    ObjectNode schema =
        schema(ScimSchemas.ENTERPRISE, "EnterpriseUser", "Enterprise User", baseUrl);
    ArrayNode attributes = schema.putArray("attributes");
    UserSchema.ENTERPRISE.forEach(attribute -> attributes.add(attribute.describe()));
    return schema;
  }

  private static ObjectNode groupSchema(String baseUrl) {
    ObjectNode schema =
        schema(
            ScimSchemas.GROUP,
            "Group",
            "Groups of Users; a Group named like a configured role assigns that role to its"
                + " members, cannot be deleted and keeps its displayName",
            baseUrl);
    ArrayNode attributes = schema.putArray("attributes");
    attributes.add(
        string("displayName", true, "readWrite", "server")
            .put("description", "Unique, case-insensitively; fixed for a role's Group"));
    attributes.add(string("externalId", false, "readWrite", "none").put("caseExact", true));
    ObjectNode members = complex("members", true);
    members.put("description", "Users only: nested groups are not supported");
    members
        .putArray("subAttributes")
        .add(string("value", false, "immutable", "none").put("caseExact", true))
        .add(
            attribute("$ref", "reference", false, "immutable", "none")
                .set("referenceTypes", NODES.arrayNode().add("User")))
        .add(string("display", false, "readOnly", "none"))
        .add(string("type", false, "immutable", "none"));
    attributes.add(members);
    return schema;
  }

  private static ObjectNode schema(String id, String name, String description, String baseUrl) {
    ObjectNode schema = NODES.objectNode();
    schema.putArray("schemas").add(ScimSchemas.SCHEMA);
    schema.put("id", id);
    schema.put("name", name);
    schema.put("description", description);
    schema
        .putObject("meta")
        .put("resourceType", "Schema")
        .put("location", baseUrl + "/Schemas/" + id);
    return schema;
  }

  private static ObjectNode string(
      String name, boolean required, String mutability, String uniqueness) {
    return attribute(name, "string", required, mutability, uniqueness).put("caseExact", false);
  }

  private static ObjectNode complex(String name, boolean multiValued) {
    ObjectNode attribute = attribute(name, "complex", false, "readWrite", "none");
    attribute.put("multiValued", multiValued);
    return attribute;
  }

  private static ObjectNode attribute(
      String name, String type, boolean required, String mutability, String uniqueness) {
    ObjectNode attribute = NODES.objectNode();
    attribute.put("name", name);
    attribute.put("type", type);
    attribute.put("multiValued", false);
    attribute.put("required", required);
    attribute.put("mutability", mutability);
    attribute.put("returned", "default");
    attribute.put("uniqueness", uniqueness);
    return attribute;
  }
}
