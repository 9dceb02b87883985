package io.tenure.web.api;

import io.tenure.web.problem.BadRequest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads request parameters and bodies, answering 400 with what is wrong. */
public final class Parameters {

  /** The largest page any list answers. */
  public static final int MAX_LIMIT = 1000;

  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private Parameters() {}

  /** An enum constant named case-insensitively. */
  public static <E extends Enum<E>> E parse(Class<E> type, String value, String parameter) {
    try {
      return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new BadRequest(
          parameter
              + " must be one of "
              + Stream.of(type.getEnumConstants())
                  .map(constant -> constant.name().toLowerCase(Locale.ROOT))
                  .toList()
              + ", not "
              + value);
    }
  }

  /** {@code true} or {@code false}. */
  public static boolean parseBoolean(String value, String parameter) {
    return switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new BadRequest(parameter + " must be true or false, not " + value);
    };
  }

  /** A number from {@code minimum} to {@value #MAX_LIMIT}. */
  public static int parseLimit(String value, int minimum) {
    try {
      int limit = Integer.parseInt(value.strip());
      if (limit >= minimum && limit <= MAX_LIMIT) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new BadRequest(
        "limit must be a number from " + minimum + " to " + MAX_LIMIT + ", not " + value);
  }

  /** An instant ({@code 2026-01-31T10:00:00Z}) or a date (its start, UTC), or null when blank. */
  public static @Nullable Instant parseInstant(@Nullable String value, String parameter) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      if (value.strip().length() == 10) {
        return LocalDate.parse(value.strip()).atStartOfDay(ZoneOffset.UTC).toInstant();
      }
      return Instant.parse(value.strip());
    } catch (DateTimeParseException e) {
      throw new BadRequest(
          parameter + " must be a date (2026-01-31) or an instant (2026-01-31T10:00:00Z)");
    }
  }

  /** Null for a blank value, else the value stripped. */
  public static @Nullable String optional(@Nullable String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  /** The {@code reason} of a JSON body {@code {"reason": "..."}}, required and not blank. */
  public static String requiredReason(@Nullable String body) {
    String reason = optionalReason(body);
    if (reason.isBlank()) {
      throw new BadRequest("a JSON body {\"reason\": \"...\"} with a reason is required");
    }
    return reason;
  }

  /** The {@code reason} of a JSON body {@code {"reason": "..."}}, or empty. */
  public static String optionalReason(@Nullable String body) {
    if (body == null || body.isBlank()) {
      return "";
    }
    JsonNode node;
    try {
      node = MAPPER.readTree(body);
    } catch (JacksonException e) {
      throw new BadRequest("the body is not valid JSON: " + e.getOriginalMessage());
    }
    if (node == null || !node.isObject()) {
      throw new BadRequest("the body must be a JSON object");
    }
    JsonNode reason = node.get("reason");
    if (reason == null || reason.isNull()) {
      return "";
    }
    if (!reason.isString()) {
      throw new BadRequest("\"reason\" must be a string");
    }
    return reason.asString().strip();
  }
}
