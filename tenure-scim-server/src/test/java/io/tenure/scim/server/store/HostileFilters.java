package io.tenure.scim.server.store;

import java.util.List;
import java.util.Random;

/**
 * A seeded generator of SCIM filters for fuzz tests: well-formed ones over the attributes Users and
 * Groups have, mixed with hostile names, operators and values (quotes, backslashes, SQL comment and
 * statement sequences, LIKE wildcards, JSON escapes, control characters, huge and deeply nested
 * input) and random damage to the text. Every string value it writes holds {@link #MARKER}, and so
 * does every attribute name it invents, so that a test can tell whether any of it reached SQL.
 */
public final class HostileFilters {

  /** Text in every generated value and invented name, which bound SQL never contains. */
  public static final String MARKER = "zqxfuzz";

  private static final List<String> ATTRIBUTES =
      List.of(
          "userName",
          "USERNAME",
          "id",
          "externalId",
          "displayName",
          "title",
          "active",
          "name.givenName",
          "name.familyName",
          "name",
          "emails",
          "emails.value",
          "emails.type",
          "emails.primary",
          "phoneNumbers.value",
          "addresses.country",
          "addresses",
          "groups.display",
          "meta.created",
          "meta.lastModified",
          "members.value",
          "members.display",
          "members",
          "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber",
          "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value",
          "urn:ietf:params:scim:schemas:core:2.0:User:nickName",
          "urn:ietf:params:scim:schemas:core:2.0:Group:displayName",
          "x509Certificates.value",
          "password");

  private static final List<String> OPERATORS =
      List.of("eq", "ne", "co", "sw", "ew", "gt", "ge", "lt", "le", "EQ", "Co", "pr");

  private static final List<String> HOSTILE =
      List.of(
          "'",
          "''",
          "\\\"",
          "\\\\",
          "\\u0027",
          "' or '1'='1",
          "'); drop table identities; --",
          "/*",
          "*/",
          "--",
          ";",
          "%",
          "_",
          "\\\\%",
          "$1",
          "?",
          "::text",
          "' || pg_sleep(5) || '",
          "\\u0000",
          "\\u001b[2J",
          "\\u0085",
          "\\ud800",
          "é",
          "李",
          "\uD83D\uDE00",
          "${jndi:ldap://x}",
          " ",
          "");

  private final Random random;

  public HostileFilters(Random random) {
    this.random = random;
  }

  /** One filter: usually well-formed around hostile values, sometimes damaged or huge. */
  public String next() {
    String filter = expression(random.nextInt(4));
    int damage = random.nextInt(10);
    if (damage == 0) {
      filter = damaged(filter);
    } else if (damage == 1) {
      filter = "(".repeat(random.nextInt(60)) + filter + ")".repeat(random.nextInt(60));
    } else if (damage == 2) {
      StringBuilder many = new StringBuilder(filter);
      int clauses = random.nextInt(400);
      for (int index = 0; index < clauses; index++) {
        many.append(random.nextBoolean() ? " or " : " and ").append(comparison());
      }
      filter = many.toString();
    }
    return filter;
  }

  private String expression(int depth) {
    if (depth == 0) {
      return comparison();
    }
    return switch (random.nextInt(6)) {
      case 0 ->
          expression(depth - 1) + (random.nextBoolean() ? " and " : " OR ") + expression(depth - 1);
      case 1 -> "not (" + expression(depth - 1) + ")";
      case 2 -> "(" + expression(depth - 1) + ")";
      case 3 ->
          (random.nextBoolean() ? "emails" : "members")
              + "["
              + expression(depth - 1).replace("emails.", "").replace("members.", "")
              + "]";
      default -> comparison();
    };
  }

  /** One attribute comparison, or a presence test. */
  public String comparison() {
    String attribute = attribute();
    String operator = OPERATORS.get(random.nextInt(OPERATORS.size()));
    if (operator.equals("pr")) {
      return attribute + " pr";
    }
    return attribute + " " + operator + " " + value();
  }

  /** An attribute path: usually one the schemas have, sometimes an invented one. */
  public String attribute() {
    if (random.nextInt(8) == 0) {
      return switch (random.nextInt(4)) {
        case 0 -> MARKER + "Attribute";
        case 1 -> "name." + MARKER;
        case 2 -> "urn:" + MARKER + ":x:title";
        default -> MARKER + "'--";
      };
    }
    return ATTRIBUTES.get(random.nextInt(ATTRIBUTES.size()));
  }

  /** A comparison value: a JSON string with the marker and hostile text, or another literal. */
  public String value() {
    return switch (random.nextInt(10)) {
      case 0 -> "true";
      case 1 -> "null";
      case 2 -> Integer.toString(random.nextInt(1000) - 500);
      case 3 -> "\"2026-0" + random.nextInt(10) + "-01T00:00:00Z\"";
      case 4 -> "'" + MARKER + "'";
      default -> "\"" + hostile() + MARKER + hostile() + "\"";
    };
  }

  private String hostile() {
    StringBuilder text = new StringBuilder();
    int parts = random.nextInt(3);
    for (int index = 0; index < parts; index++) {
      text.append(HOSTILE.get(random.nextInt(HOSTILE.size())));
    }
    if (random.nextInt(50) == 0) {
      text.append("x".repeat(random.nextInt(12_000)));
    }
    return text.toString();
  }

  private String damaged(String filter) {
    StringBuilder text = new StringBuilder(filter);
    int edits = 1 + random.nextInt(4);
    String syntax = "()[]\"\\ .:$eqornotand";
    for (int edit = 0; edit < edits && !text.isEmpty(); edit++) {
      int at = random.nextInt(text.length());
      if (random.nextBoolean()) {
        text.deleteCharAt(at);
      } else {
        text.insert(at, syntax.charAt(random.nextInt(syntax.length())));
      }
    }
    return text.toString();
  }
}
