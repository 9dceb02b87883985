package io.tenure.web.api;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tenure.engine.access.Permission;
import io.tenure.engine.execution.OperationState;
import io.tenure.web.security.Callers;
import io.tenure.web.security.Requires;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/operations}: the durable queue; parked operations retried or discarded. */
@RestController
@ConditionalOnWebApplication
@RequestMapping(path = "/api/v1/operations", produces = "application/json")
@Tag(name = "operations", description = "The durable queue's operations")
class OperationsApi {

  private final Operations operations;

  OperationsApi(Operations operations) {
    this.operations = operations;
  }

  @GetMapping
  @Requires(Permission.VIEW_OPERATIONS)
  OperationViews.Page list(
      @Parameter(
              description =
                  "pending, failed, parked, held, ... (repeatable); default: all but"
                      + " succeeded")
          @RequestParam(name = "state", required = false)
          @Nullable List<String> states,
      @RequestParam(name = "limit", defaultValue = "100") String limit) {
    List<OperationState> wanted = new ArrayList<>();
    if (states != null) {
      for (String state : states) {
        if (!state.isBlank()) {
          wanted.add(Parameters.parse(OperationState.class, state, "state"));
        }
      }
    }
    return operations.list(wanted, Parameters.parseLimit(limit, 0));
  }

  @GetMapping("/{id}")
  @Requires(Permission.VIEW_OPERATIONS)
  OperationViews.Operation operation(@PathVariable("id") String id) {
    return operations.detail(id);
  }

  @PostMapping("/{id}/retry")
  @Requires(Permission.OPERATE_QUEUE)
  OperationViews.Result retry(@PathVariable("id") String id) {
    return operations.retry(id, Callers.current().actor());
  }

  @PostMapping("/{id}/discard")
  @Requires(Permission.OPERATE_QUEUE)
  OperationViews.Result discard(
      @PathVariable("id") String id,
      @ReasonBody @RequestBody(required = false) @Nullable String body) {
    String reason = Parameters.requiredReason(body);
    return operations.discard(id, Callers.current().actor(), reason);
  }
}
