package io.tenure.web.security;

import io.tenure.engine.audit.AuditEvent;
import io.tenure.engine.audit.AuditLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Slows password guessing across user names: after {@code maxFailures} failed logins from one
 * address within {@code window}, that address's logins are refused until the oldest of them leaves
 * the window. The failure that blocks an address is audited as {@code login.throttled}. (Each user
 * is also locked after repeated failures by the engine's {@code LocalUsers}.) Kept in memory, per
 * process.
 */
public final class LoginAttempts {

  private final Clock clock;
  private final AuditLog audit;
  private final int maxFailures;
  private final Duration window;
  private final Map<String, Deque<Instant>> failures = new HashMap<>();

  public LoginAttempts(Clock clock, AuditLog audit, int maxFailures, Duration window) {
    this.clock = clock;
    this.audit = audit;
    this.maxFailures = maxFailures;
    this.window = window;
  }

  /** Twenty failures in five minutes block an address. */
  public static LoginAttempts defaults(Clock clock, AuditLog audit) {
    return new LoginAttempts(clock, audit, 20, Duration.ofMinutes(5));
  }

  /** Whether logins from the address are refused now. */
  public synchronized boolean blocked(String address) {
    return recent(address).size() >= maxFailures;
  }

  /** Records a failed login from the address. */
  public void failed(String address) {
    boolean nowBlocked;
    synchronized (this) {
      Deque<Instant> recent = recent(address);
      recent.addLast(clock.instant());
      nowBlocked = recent.size() == maxFailures;
      if (failures.size() > 10_000) {
        failures.entrySet().removeIf(entry -> recent(entry.getKey()).isEmpty());
      }
    }
    if (nowBlocked) {
      audit.append(
          new AuditEvent(
              clock.instant(),
              "login",
              "login.throttled",
              "address " + address,
              maxFailures + " failed logins within " + window + "; logins refused for a while",
              "throttled",
              Map.of("address", address, "failures", Integer.toString(maxFailures))));
    }
  }

  private Deque<Instant> recent(String address) {
    Deque<Instant> recent = failures.computeIfAbsent(address, key -> new ArrayDeque<>());
    Instant since = clock.instant().minus(window);
    while (!recent.isEmpty() && !recent.peekFirst().isAfter(since)) {
      recent.removeFirst();
    }
    return recent;
  }
}
