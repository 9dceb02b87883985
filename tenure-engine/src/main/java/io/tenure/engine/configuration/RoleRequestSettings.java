package io.tenure.engine.configuration;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How a role may be requested ({@code roles.NAME.requestable, owner, approval, maxDuration,
 * approvalTimeout, remindBefore, onMove}).
 *
 * @param requestable whether people may request it
 * @param owners the employee ids of its owners (approvers of the {@code owner} step)
 * @param approval the approval chain, in order: {@code manager}, {@code owner}, {@code
 *     manager-of-manager} or an employee id; empty for no approval ({@code none})
 * @param maxDuration the longest a grant may last, or null for no limit (then a request without an
 *     end date grants it until revoked)
 * @param approvalTimeout how long a step waits for a decision before it escalates to the approvers'
 *     managers, and as long again before the request expires (default P3D)
 * @param remindBefore how long before the end of a grant its holder and approver are reminded
 *     (default P3D)
 * @param onMove what a transfer (a new manager) does to a grant: keep it, send it to the new
 *     manager to review (revoked unless confirmed within the approval timeout), or revoke it
 */
public record RoleRequestSettings(
    boolean requestable,
    List<String> owners,
    List<String> approval,
    @Nullable Duration maxDuration,
    Duration approvalTimeout,
    Duration remindBefore,
    OnMove onMove) {

  /** The default approval timeout and reminder: three days. */
  public static final Duration THREE_DAYS = Duration.ofDays(3);

  /** A role nobody can request. */
  public static final RoleRequestSettings NOT_REQUESTABLE =
      new RoleRequestSettings(
          false, List.of(), List.of(), null, THREE_DAYS, THREE_DAYS, OnMove.REVIEW);

  /** The approval step words other than an employee id. */
  public static final List<String> STEP_WORDS = List.of("manager", "owner", "manager-of-manager");

  /** What a transfer does to a requested grant. */
  public enum OnMove {
    KEEP,
    REVIEW,
    REVOKE;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public RoleRequestSettings {
    owners = List.copyOf(owners);
    approval = List.copyOf(approval);
    Objects.requireNonNull(approvalTimeout, "approvalTimeout");
    Objects.requireNonNull(remindBefore, "remindBefore");
    Objects.requireNonNull(onMove, "onMove");
  }
}
