package io.tenure.governance.report;

import io.tenure.engine.audit.AuditEvent;
import io.tenure.engine.audit.AuditLog;
import io.tenure.engine.audit.AuditRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The accounts and entitlements of every target as the audit trail says they were: the operations
 * that succeeded, replayed in sequence order up to an instant. Also remembers, per entitlement, the
 * reason and time of its grant, and per owner the last time an account of theirs was disabled or
 * deleted.
 */
final class AccessHistory {

  private static final int PAGE = 1000;

  /** An entitlement as granted: the reason chain rendered, and when. */
  record Grant(String entitlement, String reason, @Nullable Instant at) {}

  /** An account as the trail says it was. */
  static final class AccountState {
    final String target;
    final String username;
    @Nullable String owner;
    boolean enabled;
    final Map<String, Grant> entitlements = new TreeMap<>();

    AccountState(String target, String username) {
      this.target = target;
      this.username = username;
    }
  }

  private final Map<String, AccountState> accounts = new TreeMap<>();
  private final Map<String, Grant> lastGrants = new HashMap<>();
  private final Map<String, Instant> lastDisabled = new HashMap<>();

  private AccessHistory() {}

  /** Replays the operations that succeeded before {@code until} (every one when null). */
  static AccessHistory replay(AuditLog audit, @Nullable Instant until) {
    AccessHistory history = new AccessHistory();
    each(
        audit,
        record -> {
          AuditEvent event = record.event();
          if (until != null && !event.at().isBefore(until)) {
            return;
          }
          if (event.action().equals("operation.succeeded")) {
            history.apply(event);
          }
        });
    return history;
  }

  /** Every record of the trail, oldest first, page by page. */
  static void each(AuditLog audit, Consumer<AuditRecord> consumer) {
    long after = 0;
    while (true) {
      List<AuditRecord> page = audit.after(after, PAGE);
      if (page.isEmpty()) {
        return;
      }
      page.forEach(consumer);
      after = page.get(page.size() - 1).sequence();
    }
  }

  private void apply(AuditEvent event) {
    Map<String, String> details = event.details();
    String kind = details.getOrDefault("kind", "");
    String target = details.get("target");
    String username = details.get("username");
    if (target == null || username == null) {
      int slash = event.subject().indexOf('/');
      if (slash < 0) {
        return;
      }
      target = event.subject().substring(0, slash);
      username = event.subject().substring(slash + 1);
    }
    String key = target + "/" + username;
    String owner = details.get("owner");
    String change = details.getOrDefault("change", "");
    switch (kind) {
      case "CREATE_ACCOUNT" -> {
        AccountState account = new AccountState(target, username);
        account.owner = owner;
        account.enabled =
            details.containsKey("enabled")
                ? Boolean.parseBoolean(details.get("enabled"))
                : !change.endsWith("(disabled)");
        accounts.put(key, account);
      }
      case "ENABLE_ACCOUNT" -> state(key, target, username, owner).enabled = true;
      case "DISABLE_ACCOUNT" -> {
        state(key, target, username, owner).enabled = false;
        disabled(owner, event.at());
      }
      case "DELETE_ACCOUNT" -> {
        accounts.remove(key);
        disabled(owner, event.at());
      }
      case "ADD_ENTITLEMENT" -> {
        String entitlement = entitlement(details, change, " to ");
        Grant grant = new Grant(entitlement, event.reason(), event.at());
        state(key, target, username, owner).entitlements.put(entitlement, grant);
        lastGrants.put(key + "#" + entitlement, grant);
      }
      case "REMOVE_ENTITLEMENT" ->
          state(key, target, username, owner)
              .entitlements
              .remove(entitlement(details, change, " from "));
      default -> {
        // updates change attributes, not access
      }
    }
  }

  private void disabled(@Nullable String owner, Instant at) {
    if (owner != null) {
      lastDisabled.merge(owner, at, (one, other) -> one.isAfter(other) ? one : other);
    }
  }

  private AccountState state(String key, String target, String username, @Nullable String owner) {
    AccountState account =
        accounts.computeIfAbsent(key, ignored -> new AccountState(target, username));
    if (owner != null) {
      account.owner = owner;
    }
    return account;
  }

  private static String entitlement(Map<String, String> details, String change, String separator) {
    String given = details.get("entitlement");
    if (given != null) {
      return given;
    }
    int at = change.lastIndexOf(separator);
    return at < 0 ? change : change.substring(at + separator.length());
  }

  /** The accounts, by target, then username. */
  List<AccountState> accounts() {
    return new ArrayList<>(accounts.values());
  }

  /** The latest grant of the entitlement to the account, if the trail has one. */
  @Nullable Grant lastGrant(String target, String username, String entitlement) {
    return lastGrants.get(target + "/" + username + "#" + entitlement);
  }

  /** When an account of the owner was last disabled or deleted, if ever. */
  @Nullable Instant lastDisabled(String owner) {
    return lastDisabled.get(owner);
  }

  /** The role a reason names ({@code role engineering}), or empty text. */
  static String role(String reason) {
    return step(reason, "role ");
  }

  /** The rule a reason names ({@code rule x: condition} gives {@code x}), or empty text. */
  static String rule(String reason) {
    String rule = step(reason, "rule ");
    int colon = rule.indexOf(':');
    return colon < 0 ? rule : rule.substring(0, colon);
  }

  private static String step(String reason, String prefix) {
    for (String step : reason.split(", from ")) {
      if (step.startsWith(prefix)) {
        return step.substring(prefix.length());
      }
    }
    return "";
  }
}
