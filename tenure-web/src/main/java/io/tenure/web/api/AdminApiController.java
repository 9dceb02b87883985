package io.tenure.web.api;

import io.tenure.core.account.TargetId;
import io.tenure.engine.execution.ExecutionSummary;
import io.tenure.engine.execution.OperationId;
import io.tenure.engine.execution.OperationQueue;
import io.tenure.engine.execution.OperationState;
import io.tenure.engine.execution.OperationsJson;
import io.tenure.engine.execution.PlanId;
import io.tenure.engine.execution.QueueAdministration;
import io.tenure.engine.execution.QueuedOperation;
import io.tenure.engine.guard.GuardedExecution;
import io.tenure.engine.guard.PlanHold;
import io.tenure.engine.reconciliation.Finding;
import io.tenure.engine.reconciliation.FindingExport;
import io.tenure.engine.reconciliation.FindingQuery;
import io.tenure.engine.reconciliation.FindingRepository;
import io.tenure.engine.reconciliation.Situation;
import io.tenure.engine.store.Transactions;
import java.security.Principal;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The admin REST API under {@code /api/v1} (admin-scoped bearer tokens only, see the web security
 * configuration). Every change is audited with the actor {@code api:<token name>}. Answers are JSON
 * objects; errors are {@code {"error": "..."}} with 400 for bad input, 404 for an unknown id and
 * 409 for a request the current state does not allow.
 */
@RestController
@ConditionalOnWebApplication
@RequestMapping("/api/v1")
class AdminApiController {

  private static final JsonMapper MAPPER = JsonMapper.builder().build();
  private static final int MAX_LIMIT = 1000;

  private final BeanFactory beans;

  AdminApiController(BeanFactory beans) {
    this.beans = beans;
  }

  /** Bad input: answered 400 with the message. */
  static final class BadRequestException extends RuntimeException {
    BadRequestException(String message) {
      super(message);
    }
  }

  /** An unknown id: answered 404 with the message. */
  static final class NotFoundException extends RuntimeException {
    NotFoundException(String message) {
      super(message);
    }
  }

  static String actor(@Nullable Principal principal) {
    return "api:" + (principal == null ? "anonymous" : principal.getName());
  }

  @GetMapping("/findings")
  ResponseEntity<String> findings(
      @RequestParam(name = "target", required = false) @Nullable String target,
      @RequestParam(name = "situation", required = false) @Nullable String situation,
      @RequestParam(name = "terminatedEnabled", defaultValue = "false") String terminatedEnabled) {
    FindingQuery query =
        new FindingQuery(
            target == null || target.isBlank() ? null : new TargetId(target),
            situation == null || situation.isBlank()
                ? null
                : parse(Situation.class, situation, "situation"),
            parseBoolean(terminatedEnabled, "terminatedEnabled"));
    FindingRepository findings = beans.getBean(FindingRepository.class);
    StringBuilder array = new StringBuilder();
    beans
        .getBean(Transactions.class)
        .run(
            () -> {
              try (Stream<Finding> stream = findings.stream(query)) {
                FindingExport.json(stream, array);
              }
            });
    return ok("{\"findings\": " + array.toString().strip() + "}");
  }

  @GetMapping("/operations")
  ResponseEntity<String> operations(
      @RequestParam(name = "state", required = false) @Nullable List<String> states,
      @RequestParam(name = "limit", defaultValue = "100") String limit) {
    Set<OperationState> wanted = EnumSet.noneOf(OperationState.class);
    if (states != null) {
      for (String state : states) {
        if (!state.isBlank()) {
          wanted.add(parse(OperationState.class, state, "state"));
        }
      }
    }
    if (wanted.isEmpty()) {
      wanted = EnumSet.complementOf(EnumSet.of(OperationState.SUCCEEDED));
    }
    List<QueuedOperation> found =
        beans.getBean(OperationQueue.class).list(wanted, parseLimit(limit));
    return ok(OperationsJson.of(found));
  }

  @PostMapping("/operations/{id}/retry")
  ResponseEntity<String> retry(@PathVariable("id") String id, @Nullable Principal principal) {
    OperationId operation = operationId(id);
    return operationResult(
        beans.getBean(QueueAdministration.class).retry(operation, actor(principal)), id, "retried");
  }

  @PostMapping("/operations/{id}/discard")
  ResponseEntity<String> discard(
      @PathVariable("id") String id,
      @RequestBody(required = false) @Nullable String body,
      @Nullable Principal principal) {
    OperationId operation = operationId(id);
    String reason = requiredReason(body);
    return operationResult(
        beans.getBean(QueueAdministration.class).discard(operation, actor(principal), reason),
        id,
        "discarded");
  }

  @GetMapping("/plans")
  ResponseEntity<String> plans(
      @RequestParam(name = "held", defaultValue = "true") String held,
      @RequestParam(name = "limit", defaultValue = "20") String limit) {
    List<PlanHold> holds =
        beans.getBean(GuardedExecution.class).holds(parseBoolean(held, "held"), parseLimit(limit));
    ObjectNode root = MAPPER.createObjectNode();
    ArrayNode plans = root.putArray("plans");
    for (PlanHold hold : holds) {
      plans.add(hold(hold));
    }
    return ok(root);
  }

  @PostMapping("/plans/{id}/resume")
  ResponseEntity<String> resume(
      @PathVariable("id") String id,
      @RequestBody(required = false) @Nullable String body,
      @Nullable Principal principal) {
    String reason = optionalReason(body);
    ExecutionSummary summary;
    try {
      summary =
          beans.getBean(GuardedExecution.class).resume(new PlanId(id), actor(principal), reason);
    } catch (IllegalArgumentException e) {
      throw new NotFoundException(e.getMessage());
    }
    ObjectNode root = MAPPER.createObjectNode();
    root.put("plan", id);
    root.put("status", "RESUMED");
    root.put("succeeded", summary.succeeded());
    root.put("failed", summary.failed());
    root.put("skipped", summary.skipped());
    root.put("held", summary.held());
    root.put("complete", summary.complete());
    return ok(root);
  }

  @PostMapping("/plans/{id}/reject")
  ResponseEntity<String> reject(
      @PathVariable("id") String id,
      @RequestBody(required = false) @Nullable String body,
      @Nullable Principal principal) {
    String reason = requiredReason(body);
    PlanHold hold;
    try {
      hold = beans.getBean(GuardedExecution.class).reject(new PlanId(id), actor(principal), reason);
    } catch (IllegalArgumentException e) {
      throw new NotFoundException(e.getMessage());
    }
    return ok(hold(hold));
  }

  @ExceptionHandler(BadRequestException.class)
  ResponseEntity<String> badRequest(BadRequestException e) {
    return error(HttpStatus.BAD_REQUEST, e.getMessage());
  }

  @ExceptionHandler(NotFoundException.class)
  ResponseEntity<String> notFound(NotFoundException e) {
    return error(HttpStatus.NOT_FOUND, e.getMessage());
  }

  @ExceptionHandler(IllegalStateException.class)
  ResponseEntity<String> conflict(IllegalStateException e) {
    return error(HttpStatus.CONFLICT, e.getMessage());
  }

  private static ObjectNode hold(PlanHold hold) {
    ObjectNode item = MAPPER.createObjectNode();
    item.put("plan", hold.plan().value());
    item.put("createdAt", hold.createdAt().toString());
    item.put("actor", hold.actor());
    item.put("trigger", hold.trigger());
    item.put("status", hold.status().name());
    item.put("heldAt", hold.heldAt().toString());
    item.put("heldOperations", hold.heldOperations());
    item.put("reason", hold.reason());
    item.put("decidedBy", hold.decidedBy());
    item.put("decidedAt", hold.decidedAt() == null ? null : hold.decidedAt().toString());
    item.put("decisionReason", hold.decisionReason());
    return item;
  }

  private static ResponseEntity<String> operationResult(
      QueueAdministration.Result result, String id, String done) {
    return switch (result) {
      case DONE -> {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("operation", Long.parseLong(id));
        root.put("result", done);
        yield ok(root);
      }
      case NOT_FOUND -> throw new NotFoundException("there is no operation " + id);
      case WRONG_STATE ->
          error(
              HttpStatus.CONFLICT,
              "operation " + id + " cannot be " + done + " in its current state");
    };
  }

  private static OperationId operationId(String id) {
    try {
      return new OperationId(Long.parseLong(id));
    } catch (NumberFormatException e) {
      throw new NotFoundException("there is no operation " + id);
    }
  }

  /** The {@code reason} of a JSON body {@code {"reason": "..."}}, required and not blank. */
  private static String requiredReason(@Nullable String body) {
    String reason = optionalReason(body);
    if (reason.isBlank()) {
      throw new BadRequestException("a JSON body {\"reason\": \"...\"} with a reason is required");
    }
    return reason;
  }

  private static String optionalReason(@Nullable String body) {
    if (body == null || body.isBlank()) {
      return "";
    }
    JsonNode node;
    try {
      node = MAPPER.readTree(body);
    } catch (JacksonException e) {
      throw new BadRequestException("the body is not valid JSON: " + e.getOriginalMessage());
    }
    if (node == null || !node.isObject()) {
      throw new BadRequestException("the body must be a JSON object");
    }
    JsonNode reason = node.get("reason");
    if (reason == null || reason.isNull()) {
      return "";
    }
    if (!reason.isString()) {
      throw new BadRequestException("\"reason\" must be a string");
    }
    return reason.asString().strip();
  }

  private static <E extends Enum<E>> E parse(Class<E> type, String value, String parameter) {
    try {
      return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new BadRequestException(
          parameter
              + " must be one of "
              + Stream.of(type.getEnumConstants())
                  .map(constant -> constant.name().toLowerCase(Locale.ROOT))
                  .toList()
              + ", not "
              + value);
    }
  }

  private static boolean parseBoolean(String value, String parameter) {
    return switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new BadRequestException(parameter + " must be true or false, not " + value);
    };
  }

  private static int parseLimit(String value) {
    try {
      int limit = Integer.parseInt(value.strip());
      if (limit >= 0 && limit <= MAX_LIMIT) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new BadRequestException(
        "limit must be a number from 0 to " + MAX_LIMIT + ", not " + value);
  }

  private static ResponseEntity<String> ok(Object body) {
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body.toString());
  }

  private static ResponseEntity<String> error(HttpStatus status, @Nullable String message) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("error", message == null ? status.getReasonPhrase() : message);
    return ResponseEntity.status(status)
        .contentType(MediaType.APPLICATION_JSON)
        .body(root.toString());
  }
}
