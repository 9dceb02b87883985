package io.tenure.scim.server;

import io.tenure.scim.server.store.HostileFilters;
import java.util.List;
import java.util.Random;

/**
 * A seeded generator of PATCH request bodies for fuzz tests: PatchOp messages (sometimes without or
 * with wrong {@code schemas}) whose operations have real, invented, damaged and hostile paths
 * (value filters from {@link HostileFilters}, URNs, deep and unbalanced paths) and values of every
 * JSON type, control characters included.
 */
public final class HostilePatches {

  private static final List<String> PATHS =
      List.of(
          "title",
          "nickName",
          "name",
          "name.givenName",
          "name.middleName",
          "emails",
          "emails.value",
          "emails[type eq \\\"work\\\"]",
          "emails[type eq \\\"work\\\"].value",
          "phoneNumbers[type eq \\\"fax\\\"]",
          "addresses[type eq \\\"work\\\"].locality",
          "active",
          "id",
          "meta",
          "meta.lastModified",
          "groups",
          "password",
          "schemas",
          "members",
          "members[value eq \\\"42\\\"]",
          "displayName",
          "externalId",
          "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department",
          "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value",
          "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User",
          "urn:ietf:params:scim:schemas:core:2.0:User:userName",
          "name.givenName.first",
          "emails[",
          "emails]",
          "[type eq \\\"x\\\"]",
          ".",
          "",
          "x".repeat(300));

  private static final List<String> OPERATIONS =
      List.of("add", "replace", "remove", "Add", "REPLACE", "Remove", "move", "", "test");

  private final Random random;
  private final HostileFilters filters;

  public HostilePatches(Random random) {
    this.random = random;
    this.filters = new HostileFilters(random);
  }

  /** A PATCH request body. */
  public String next() {
    StringBuilder body = new StringBuilder("{");
    switch (random.nextInt(12)) {
      case 0 -> {}
      case 1 -> body.append("\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],");
      case 2 -> body.append("\"schemas\":\"urn:ietf:params:scim:api:messages:2.0:PatchOp\",");
      default -> body.append("\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],");
    }
    body.append("\"Operations\":[");
    int operations = random.nextInt(4);
    for (int index = 0; index < operations; index++) {
      body.append(index == 0 ? "" : ",").append(operation());
    }
    return body.append("]}").toString();
  }

  private String operation() {
    StringBuilder operation = new StringBuilder("{");
    operation.append("\"op\":\"").append(OPERATIONS.get(random.nextInt(OPERATIONS.size())));
    operation.append('"');
    if (random.nextInt(6) != 0) {
      operation.append(",\"path\":\"").append(path()).append('"');
    }
    if (random.nextInt(4) != 0) {
      operation.append(",\"value\":").append(value(2));
    }
    return operation.append('}').toString();
  }

  private String path() {
    return switch (random.nextInt(8)) {
      case 0 -> filters.attribute();
      case 1 -> "emails[" + filters.next().replace("\\", "\\\\").replace("\"", "\\\"") + "]";
      case 2 -> PATHS.get(random.nextInt(PATHS.size())) + "\\u0000";
      default -> PATHS.get(random.nextInt(PATHS.size()));
    };
  }

  /** A JSON value of any type, nested up to {@code depth}. */
  private String value(int depth) {
    int kind = random.nextInt(depth > 0 ? 9 : 6);
    return switch (kind) {
      case 0 -> "null";
      case 1 -> random.nextBoolean() ? "true" : "\"False\"";
      case 2 -> Integer.toString(random.nextInt());
      case 3 -> "\"x\\u0000y\"";
      case 4 -> "\"" + text() + "\"";
      case 5 -> "\"2026-01-01T00:00:00Z\"";
      case 6 -> "[" + value(depth - 1) + (random.nextBoolean() ? "," + value(depth - 1) : "") + "]";
      default -> {
        String name = PATHS.get(random.nextInt(PATHS.size())).replace("\\\"", "");
        yield "{\"" + name + "\":" + value(depth - 1) + ",\"value\":" + value(depth - 1) + "}";
      }
    };
  }

  private String text() {
    String[] parts = {"Ada", "é", "\\\"", "\\\\", "'", "\\u001b[31m", "\\u0085", "%", " ", "李"};
    StringBuilder text = new StringBuilder();
    int count = random.nextInt(4);
    for (int index = 0; index < count; index++) {
      text.append(parts[random.nextInt(parts.length)]);
    }
    return text.toString();
  }
}
