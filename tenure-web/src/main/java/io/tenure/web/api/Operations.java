package io.tenure.web.api;

import io.tenure.engine.execution.OperationId;
import io.tenure.engine.execution.OperationQueue;
import io.tenure.engine.execution.OperationState;
import io.tenure.engine.execution.QueueAdministration;
import io.tenure.engine.execution.QueuedOperation;
import io.tenure.engine.people.PersonDirectory;
import io.tenure.web.problem.Conflict;
import io.tenure.web.problem.NotFound;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Component;

/** The durable queue's operations as the API and the console show and change them. */
@Component
@ConditionalOnWebApplication
public class Operations {

  private final ObjectProvider<OperationQueue> queue;
  private final ObjectProvider<QueueAdministration> administration;
  private final ObjectProvider<PersonDirectory> people;

  Operations(
      ObjectProvider<OperationQueue> queue,
      ObjectProvider<QueueAdministration> administration,
      ObjectProvider<PersonDirectory> people) {
    this.queue = queue;
    this.administration = administration;
    this.people = people;
  }

  /** The operations in these states (all but succeeded ones when empty), oldest first. */
  public OperationViews.Page list(Collection<OperationState> states, int limit) {
    Set<OperationState> wanted =
        states.isEmpty()
            ? EnumSet.complementOf(EnumSet.of(OperationState.SUCCEEDED))
            : EnumSet.copyOf(states);
    List<QueuedOperation> found = queue.getObject().list(wanted, limit);
    var names =
        people
            .getObject()
            .names(Views.owners(found.stream().map(QueuedOperation::operation).toList()));
    return new OperationViews.Page(
        found.stream().map(queued -> Views.operation(queued.operation(), queued, names)).toList());
  }

  /** One operation. */
  public OperationViews.Operation detail(String id) {
    QueuedOperation queued = queue.getObject().find(operationId(id)).orElseThrow(() -> noSuch(id));
    var names = people.getObject().names(Views.owners(List.of(queued.operation())));
    return Views.operation(queued.operation(), queued, names);
  }

  /** Makes a parked or failed operation due again (audited with {@code actor}). */
  public OperationViews.Result retry(String id, String actor) {
    return result(administration.getObject().retry(operationId(id), actor), id, "retried");
  }

  /** Gives an operation up (audited with {@code actor} and the reason). */
  public OperationViews.Result discard(String id, String actor, String reason) {
    return result(
        administration.getObject().discard(operationId(id), actor, reason), id, "discarded");
  }

  private static OperationViews.Result result(
      QueueAdministration.Result result, String id, String done) {
    return switch (result) {
      case DONE -> new OperationViews.Result(Long.parseLong(id), done);
      case NOT_FOUND -> throw noSuch(id);
      case WRONG_STATE ->
          throw new Conflict("operation " + id + " cannot be " + done + " in its current state");
    };
  }

  private static OperationId operationId(String id) {
    try {
      return new OperationId(Long.parseLong(id));
    } catch (NumberFormatException e) {
      throw noSuch(id);
    }
  }

  private static NotFound noSuch(String id) {
    return new NotFound("there is no operation " + id);
  }
}
