package io.tenure.governance.request;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Port: the stored requests and their histories. */
public interface RequestRepository {

  /** A new, never used request id ({@code R-<n>}, counting up). */
  RequestId nextId();

  void insert(AccessRequest request);

  /**
   * Replaces a stored request by its new version.
   *
   * @throws IllegalStateException if it is not stored
   */
  void update(AccessRequest request);

  Optional<AccessRequest> find(RequestId id);

  /**
   * Requests newest first.
   *
   * @param state only in this state, or all when null
   * @param approver only those whose current approvers include this employee id, or all when null
   * @param beneficiary only those for this employee id, or all when null
   */
  List<AccessRequest> list(
      @Nullable RequestState state,
      @Nullable String approver,
      @Nullable String beneficiary,
      int limit);

  /** Pending requests whose step deadline is at or before {@code at}, oldest deadline first. */
  List<AccessRequest> dueBy(Instant at);

  /** Requests in these states holding an assignment (granted access to follow). */
  List<AccessRequest> granted();

  void appendEvent(RequestId id, RequestEvent event);

  /** The history of a request, oldest first. */
  List<RequestEvent> events(RequestId id);
}
