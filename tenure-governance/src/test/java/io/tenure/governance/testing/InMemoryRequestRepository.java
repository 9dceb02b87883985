package io.tenure.governance.testing;

import io.tenure.engine.testing.InMemoryAssignmentRepository;
import io.tenure.governance.request.AccessRequest;
import io.tenure.governance.request.RequestEvent;
import io.tenure.governance.request.RequestId;
import io.tenure.governance.request.RequestRepository;
import io.tenure.governance.request.RequestState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/** Requests in maps, for fast tests. */
public final class InMemoryRequestRepository implements RequestRepository {

  private final Map<RequestId, AccessRequest> requests = new LinkedHashMap<>();
  private final Map<RequestId, List<RequestEvent>> events = new LinkedHashMap<>();
  private final InMemoryAssignmentRepository assignments;
  private long next = 1;

  public InMemoryRequestRepository(InMemoryAssignmentRepository assignments) {
    this.assignments = assignments;
  }

  @Override
  public synchronized RequestId nextId() {
    return RequestId.of(next++);
  }

  @Override
  public synchronized void insert(AccessRequest request) {
    if (requests.putIfAbsent(request.id(), request) != null) {
      throw new IllegalStateException("exists: " + request.id());
    }
  }

  @Override
  public synchronized void update(AccessRequest request) {
    if (requests.replace(request.id(), request) == null) {
      throw new IllegalStateException("no stored request " + request.id());
    }
  }

  @Override
  public synchronized Optional<AccessRequest> find(RequestId id) {
    return Optional.ofNullable(requests.get(id));
  }

  @Override
  public synchronized List<AccessRequest> list(
      @Nullable RequestState state,
      @Nullable String approver,
      @Nullable String beneficiary,
      int limit) {
    Predicate<AccessRequest> wanted =
        request ->
            (state == null || request.state() == state)
                && (approver == null || request.approvers().contains(approver))
                && (beneficiary == null || request.beneficiaryEmployeeId().equals(beneficiary));
    List<AccessRequest> found = new ArrayList<>(requests.values().stream().filter(wanted).toList());
    java.util.Collections.reverse(found);
    return found.stream().limit(limit).toList();
  }

  @Override
  public synchronized List<AccessRequest> dueBy(Instant at) {
    return requests.values().stream()
        .filter(request -> request.stepDeadline() != null && !request.stepDeadline().isAfter(at))
        .filter(
            request ->
                request.state() == RequestState.PENDING
                    || (!request.approvers().isEmpty()
                        && (request.state() == RequestState.APPROVED
                            || request.state() == RequestState.PROVISIONED)))
        .sorted(Comparator.comparing(AccessRequest::stepDeadline))
        .toList();
  }

  @Override
  public synchronized List<AccessRequest> granted() {
    return requests.values().stream()
        .filter(
            request ->
                request.assignment() != null
                    && assignments
                        .find(request.assignment())
                        .map(assignment -> !assignment.isEnded())
                        .orElse(false))
        .toList();
  }

  @Override
  public synchronized void appendEvent(RequestId id, RequestEvent event) {
    events.computeIfAbsent(id, key -> new ArrayList<>()).add(event);
  }

  @Override
  public synchronized List<RequestEvent> events(RequestId id) {
    return List.copyOf(events.getOrDefault(id, List.of()));
  }
}
