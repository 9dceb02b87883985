package io.tenure.governance.report;

import io.tenure.core.account.KnownAccount;
import io.tenure.core.account.TargetId;
import io.tenure.core.identity.Identity;
import io.tenure.core.identity.IdentityId;
import io.tenure.core.identity.LifecycleState;
import io.tenure.engine.account.AccountRepository;
import io.tenure.engine.audit.AuditEvent;
import io.tenure.engine.audit.AuditLog;
import io.tenure.engine.identity.IdentityRepository;
import io.tenure.engine.reconciliation.Finding;
import io.tenure.engine.reconciliation.FindingQuery;
import io.tenure.engine.reconciliation.FindingRepository;
import io.tenure.engine.reconciliation.Situation;
import io.tenure.engine.store.Transactions;
import io.tenure.governance.certification.RecordedException;
import io.tenure.governance.certification.RecordedExceptions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Computes the reports ({@link ReportName}) from the store's ports, in one transaction. Dates are
 * UTC days; "as of" a day means at the end of it.
 */
public final class ComplianceReports {

  static final List<String> ACCESS_COLUMNS =
      List.of(
          "employeeId",
          "name",
          "state",
          "target",
          "account",
          "enabled",
          "entitlement",
          "role",
          "rule",
          "granted");

  private final IdentityRepository identities;
  private final AccountRepository accounts;
  private final FindingRepository findings;
  private final AuditLog audit;
  private final RecordedExceptions exceptions;
  private final Transactions transactions;
  private final Clock clock;
  private final List<TargetId> targets;

  public ComplianceReports(
      IdentityRepository identities,
      AccountRepository accounts,
      FindingRepository findings,
      AuditLog audit,
      RecordedExceptions exceptions,
      Transactions transactions,
      Clock clock,
      List<TargetId> targets) {
    this.identities = identities;
    this.accounts = accounts;
    this.findings = findings;
    this.audit = audit;
    this.exceptions = exceptions;
    this.transactions = transactions;
    this.clock = clock;
    this.targets = List.copyOf(targets);
  }

  /** Runs the report. */
  public ReportTable run(ReportName name, ReportRequest request) {
    return transactions.inTransaction(
        () ->
            switch (name) {
              case ACCESS -> access(name, request, byPerson());
              case ACCESS_BY_TARGET -> access(name, request, byTarget());
              case ACCESS_BY_ROLE -> access(name, request, byRole());
              case TERMINATED_WITH_ACCESS -> terminatedWithAccess();
              case ORPHANS -> orphans();
              case EXCEPTIONS -> exceptions(request);
              case LEAVER_TIMELINESS -> leaverTimeliness();
              case CHANGES -> changes(request);
            });
  }

  // ---- access ---------------------------------------------------------------------------------

  private ReportTable access(
      ReportName name, ReportRequest request, Comparator<List<String>> order) {
    Map<String, Identity> people = people();
    List<List<String>> rows = new ArrayList<>();
    AccessHistory history;
    if (request.asOf() != null) {
      history = AccessHistory.replay(audit, endOf(request.asOf()));
      for (AccessHistory.AccountState account : history.accounts()) {
        Identity person = account.owner == null ? null : people.get(account.owner);
        if (account.entitlements.isEmpty()) {
          rows.add(accessRow(person, account.target, account.username, account.enabled, null));
        }
        for (AccessHistory.Grant grant : account.entitlements.values()) {
          rows.add(accessRow(person, account.target, account.username, account.enabled, grant));
        }
      }
    } else {
      history = AccessHistory.replay(audit, null);
      for (TargetId target : targets) {
        try (Stream<KnownAccount> known = accounts.stream(target)) {
          known.forEach(
              account -> {
                Identity person =
                    account.owner() == null ? null : people.get(account.owner().value());
                if (account.entitlements().isEmpty()) {
                  rows.add(
                      accessRow(
                          person, target.value(), account.username(), account.enabled(), null));
                }
                for (String entitlement : account.entitlements()) {
                  AccessHistory.Grant grant =
                      history.lastGrant(target.value(), account.username(), entitlement);
                  rows.add(
                      accessRow(
                          person,
                          target.value(),
                          account.username(),
                          account.enabled(),
                          grant != null ? grant : new AccessHistory.Grant(entitlement, "", null)));
                }
              });
        }
      }
    }
    rows.sort(order);
    Map<String, String> summary = new LinkedHashMap<>();
    summary.put("asOf", request.asOf() == null ? "now" : request.asOf().toString());
    summary.put(
        "accounts",
        Long.toString(rows.stream().map(row -> row.get(3) + "/" + row.get(4)).distinct().count()));
    summary.put(
        "entitlements", Long.toString(rows.stream().filter(row -> !row.get(6).isEmpty()).count()));
    return new ReportTable(
        name.cliName(),
        "Access" + (request.asOf() == null ? "" : " as of the end of " + request.asOf()),
        ACCESS_COLUMNS,
        rows,
        summary);
  }

  private static List<String> accessRow(
      @Nullable Identity person,
      String target,
      String username,
      boolean enabled,
      AccessHistory.@Nullable Grant grant) {
    return List.of(
        person == null ? "" : employeeId(person),
        person == null ? "(orphan)" : name(person),
        person == null ? "" : person.state().name(),
        target,
        username,
        Boolean.toString(enabled),
        grant == null ? "" : grant.entitlement(),
        grant == null ? "" : AccessHistory.role(grant.reason()),
        grant == null ? "" : AccessHistory.rule(grant.reason()),
        grant == null || grant.at() == null ? "" : grant.at().toString());
  }

  private static Comparator<List<String>> byPerson() {
    return Comparator.<List<String>, String>comparing(row -> row.get(0))
        .thenComparing(row -> row.get(3))
        .thenComparing(row -> row.get(4))
        .thenComparing(row -> row.get(6));
  }

  private static Comparator<List<String>> byTarget() {
    return Comparator.<List<String>, String>comparing(row -> row.get(3))
        .thenComparing(row -> row.get(4))
        .thenComparing(row -> row.get(6));
  }

  private static Comparator<List<String>> byRole() {
    return Comparator.<List<String>, String>comparing(row -> row.get(7)).thenComparing(byPerson());
  }

  // ---- terminated with access -------------------------------------------------------------------

  private ReportTable terminatedWithAccess() {
    Map<String, Identity> people = people();
    List<IdentityId> terminated =
        people.values().stream().filter(ComplianceReports::terminated).map(Identity::id).toList();
    Map<String, List<String>> rows = new TreeMap<>();
    for (KnownAccount account : accounts.findByOwners(terminated)) {
      if (account.enabled() || !account.entitlements().isEmpty()) {
        Identity person = people.get(account.owner().value());
        rows.put(
            account.target().value() + "/" + account.username(),
            List.of(
                employeeId(person),
                name(person),
                person.state().name(),
                account.target().value(),
                account.username(),
                Boolean.toString(account.enabled()),
                String.join(" ", account.entitlements()),
                "known state"));
      }
    }
    try (Stream<Finding> found =
        findings.stream(FindingQuery.terminatedWithEnabledAccounts(null))) {
      found.forEach(
          finding -> {
            Identity person = finding.owner() == null ? null : people.get(finding.owner().value());
            rows.putIfAbsent(
                finding.target().value() + "/" + finding.username(),
                List.of(
                    person == null ? "" : employeeId(person),
                    person == null ? "" : name(person),
                    finding.ownerState() == null ? "" : finding.ownerState().name(),
                    finding.target().value(),
                    finding.username(),
                    Boolean.toString(finding.accountEnabled()),
                    "",
                    "reconciliation " + finding.foundAt()));
          });
    }
    return new ReportTable(
        ReportName.TERMINATED_WITH_ACCESS.cliName(),
        "Terminated people with an enabled account or a remaining membership",
        List.of(
            "employeeId",
            "name",
            "state",
            "target",
            "account",
            "enabled",
            "entitlements",
            "seenIn"),
        new ArrayList<>(rows.values()),
        Map.of("accounts", Integer.toString(rows.size())));
  }

  // ---- orphans
  // ------------------------------------------------------------------------------------

  private ReportTable orphans() {
    List<List<String>> rows = new ArrayList<>();
    for (Situation situation : List.of(Situation.ORPHAN, Situation.UNLINKED)) {
      try (Stream<Finding> found = findings.stream(FindingQuery.all().inSituation(situation))) {
        found.forEach(
            finding ->
                rows.add(
                    List.of(
                        finding.target().value(),
                        finding.username(),
                        situation.name().toLowerCase(java.util.Locale.ROOT),
                        finding.owner() == null ? "" : finding.owner().value(),
                        Boolean.toString(finding.accountEnabled()),
                        finding.action().name(),
                        finding.foundAt().toString(),
                        finding.detail())));
      }
    }
    rows.sort(
        Comparator.<List<String>, String>comparing(row -> row.get(0))
            .thenComparing(row -> row.get(1)));
    return new ReportTable(
        ReportName.ORPHANS.cliName(),
        "Orphan and unlinked accounts (latest reconciliation of each target)",
        List.of(
            "target",
            "account",
            "situation",
            "candidateOwner",
            "enabled",
            "action",
            "foundAt",
            "detail"),
        rows,
        Map.of("accounts", Integer.toString(rows.size())));
  }

  // ---- exceptions
  // ---------------------------------------------------------------------------------

  private ReportTable exceptions(ReportRequest request) {
    Map<String, Identity> people = people();
    LocalDate day = request.asOf() != null ? request.asOf() : today();
    List<List<String>> rows = new ArrayList<>();
    for (RecordedException exception : exceptions.all()) {
      if (!exception.decidedAt().isBefore(endOf(day))) {
        continue;
      }
      Identity person = people.get(exception.identity().value());
      rows.add(
          List.of(
              person == null ? exception.identity().value() : employeeId(person),
              person == null ? "" : name(person),
              exception.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'),
              exception.role(),
              exception.rule() == null ? "" : exception.rule(),
              exception.decidedBy(),
              exception.decidedAt().toString(),
              exception.until() == null ? "" : exception.until().toString(),
              Boolean.toString(exception.inForceOn(day)),
              exception.campaign() == null ? "" : exception.campaign(),
              exception.reason()));
    }
    return new ReportTable(
        ReportName.EXCEPTIONS.cliName(),
        "Access by exception",
        List.of(
            "employeeId",
            "name",
            "kind",
            "role",
            "rule",
            "decidedBy",
            "decidedAt",
            "until",
            "inForce",
            "campaign",
            "reason"),
        rows,
        Map.of("exceptions", Integer.toString(rows.size())));
  }

  // ---- leaver timeliness
  // --------------------------------------------------------------------------

  private ReportTable leaverTimeliness() {
    Map<String, Identity> people = people();
    Map<String, Instant> leaverEvents = new HashMap<>();
    AccessHistory history = AccessHistory.replay(audit, null);
    AccessHistory.each(
        audit,
        record -> {
          AuditEvent event = record.event();
          if (event.action().equals("identity.leaver") && event.subject().startsWith("identity ")) {
            leaverEvents.put(event.subject().substring("identity ".length()), event.at());
          }
        });
    List<IdentityId> leavers =
        people.values().stream().filter(ComplianceReports::terminated).map(Identity::id).toList();
    Set<String> stillEnabled = new java.util.HashSet<>();
    for (KnownAccount account : accounts.findByOwners(leavers)) {
      if (account.enabled()) {
        stillEnabled.add(account.owner().value());
      }
    }
    List<List<String>> rows = new ArrayList<>();
    List<Duration> done = new ArrayList<>();
    for (IdentityId id : leavers) {
      Identity person = people.get(id.value());
      Instant effective =
          person.employment().end().map(end -> endOf(end)).orElse(leaverEvents.get(id.value()));
      Instant disabled = history.lastDisabled(id.value());
      String status;
      String duration = "";
      if (stillEnabled.contains(id.value())) {
        status = "open";
      } else if (disabled == null) {
        status = "no accounts";
      } else {
        status = "done";
        if (effective != null) {
          Duration taken = Duration.between(effective, disabled);
          taken = taken.isNegative() ? Duration.ZERO : taken;
          done.add(taken);
          duration = taken.toString();
        }
      }
      rows.add(
          List.of(
              employeeId(person),
              name(person),
              effective == null ? "" : effective.toString(),
              disabled == null ? "" : disabled.toString(),
              duration,
              status));
    }
    rows.sort(Comparator.comparing(row -> row.get(0)));
    Map<String, String> summary = new LinkedHashMap<>();
    summary.put("leavers", Integer.toString(rows.size()));
    summary.put("done", Integer.toString(done.size()));
    summary.put(
        "open", Long.toString(rows.stream().filter(row -> row.get(5).equals("open")).count()));
    done.sort(Comparator.naturalOrder());
    summary.put("p50", percentile(done, 50));
    summary.put("p95", percentile(done, 95));
    summary.put("max", done.isEmpty() ? "" : done.get(done.size() - 1).toString());
    return new ReportTable(
        ReportName.LEAVER_TIMELINESS.cliName(),
        "Leaver timeliness: termination effective time to last account disabled",
        List.of("employeeId", "name", "effective", "lastDisabled", "took", "status"),
        rows,
        summary);
  }

  /** The nearest-rank percentile of sorted durations, or empty text when there are none. */
  static String percentile(List<Duration> sorted, int percent) {
    if (sorted.isEmpty()) {
      return "";
    }
    int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
    return sorted.get(Math.max(0, rank - 1)).toString();
  }

  // ---- changes
  // ------------------------------------------------------------------------------------

  private ReportTable changes(ReportRequest request) {
    LocalDate until =
        request.until() != null
            ? request.until()
            : (request.asOf() != null ? request.asOf() : today()).plusDays(1);
    LocalDate from = request.from() != null ? request.from() : until.minusDays(30);
    Instant start = from.atStartOfDay(ZoneOffset.UTC).toInstant();
    Instant end = until.atStartOfDay(ZoneOffset.UTC).toInstant();
    Map<String, Map<String, Integer>> counts = new TreeMap<>();
    AccessHistory.each(
        audit,
        record -> {
          AuditEvent event = record.event();
          if (event.action().equals("operation.succeeded")
              && !event.at().isBefore(start)
              && event.at().isBefore(end)) {
            counts
                .computeIfAbsent(cause(event), key -> new TreeMap<>())
                .merge(event.details().getOrDefault("kind", ""), 1, Integer::sum);
          }
        });
    List<List<String>> rows = new ArrayList<>();
    int total = 0;
    for (var byCause : counts.entrySet()) {
      for (var byKind : byCause.getValue().entrySet()) {
        rows.add(List.of(byCause.getKey(), byKind.getKey(), Integer.toString(byKind.getValue())));
        total += byKind.getValue();
      }
    }
    Map<String, String> summary = new LinkedHashMap<>();
    summary.put("from", from.toString());
    summary.put("until", until.toString());
    summary.put("changes", Integer.toString(total));
    counts.forEach(
        (cause, kinds) ->
            summary.put(
                cause,
                Integer.toString(kinds.values().stream().mapToInt(Integer::intValue).sum())));
    return new ReportTable(
        ReportName.CHANGES.cliName(),
        "Changes from " + from + " until " + until + " (exclusive) by cause",
        List.of("cause", "kind", "changes"),
        rows,
        summary);
  }

  /**
   * Why a change was made: from its actor ({@code campaign...}, {@code request...}, {@code
   * reconcile...}), else the most specific step of its reason that names a cause: {@code campaign},
   * {@code request}, {@code reconciliation} (a reconciliation fix), {@code rule} (a birthright rule
   * granting), {@code hr-change} (the lifecycle: a joiner's account, a leave, a leaver, a rehire);
   * else {@code other}.
   */
  static String cause(AuditEvent event) {
    String actor = event.actor();
    if (actor.startsWith("campaign")) {
      return "campaign";
    }
    if (actor.startsWith("request")) {
      return "request";
    }
    if (actor.startsWith("reconcil")) {
      return "reconciliation";
    }
    for (String step : event.reason().split(", from ")) {
      if (step.startsWith("campaign ")) {
        return "campaign";
      }
      if (step.startsWith("request ")) {
        return "request";
      }
      if (step.startsWith("reconciliation")) {
        return "reconciliation";
      }
      if (step.startsWith("rule ")) {
        return "rule";
      }
      if (step.startsWith("lifecycle ")) {
        return "hr-change";
      }
    }
    return "other";
  }

  // ---- helpers
  // ------------------------------------------------------------------------------------

  private Map<String, Identity> people() {
    Map<String, Identity> people = new HashMap<>();
    try (Stream<Identity> all = identities.stream()) {
      all.forEach(identity -> people.put(identity.id().value(), identity));
    }
    return people;
  }

  private static boolean terminated(Identity identity) {
    return identity.state() == LifecycleState.TERMINATED
        || identity.state() == LifecycleState.PURGED;
  }

  static String employeeId(Identity person) {
    return person.attribute("employeeId").orElse(person.id().value());
  }

  static String name(Identity person) {
    String given = person.attribute("givenName").orElse("");
    String family = person.attribute("familyName").orElse("");
    String name = (given + " " + family).strip();
    return name.isEmpty() ? person.attribute("displayName").orElse("") : name;
  }

  private LocalDate today() {
    return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
  }

  /** The end of a UTC day: the start of the next. */
  static Instant endOf(LocalDate day) {
    return day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
  }
}
