package io.tenure.governance.certification;

import io.tenure.core.identity.Identity;
import io.tenure.core.identity.IdentityId;
import io.tenure.core.identity.LifecycleState;
import io.tenure.core.plan.Reason;
import io.tenure.engine.audit.AuditEvent;
import io.tenure.engine.audit.AuditLog;
import io.tenure.engine.identity.IdentityRepository;
import io.tenure.engine.store.Transactions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Access certification campaigns: starting one over a scope (its items are each person × role held
 * today, with origin and grant time), reviewers' decisions item by item (a bulk decision is audited
 * item by item), reminders before the deadline, the deadline policy for what nobody decided, and
 * closing.
 *
 * <p>A revocation takes the role's access away through the planner ({@link AccessRevoker}) with the
 * campaign as the reason. A revoked birthright role (origin {@code rule}) would come back at the
 * next plan, so it is recorded as an exception ({@link RecordedExceptions}) that the desired state
 * obeys, listed in the exceptions report for the rule's owners. A role of another origin (a
 * request, an exception, a manual assignment) has its grant ended ({@link GrantEnder}) first.
 *
 * <p>Every time is read from the injected clock; {@link #tick()} applies reminders and deadlines
 * that are due (the server calls it on its schedule, tests after moving the clock).
 */
public final class Certification {

  /** How long before the deadline reviewers are reminded. */
  public static final Duration REMIND_BEFORE = Duration.ofDays(3);

  /** How much later an escalated campaign's new deadline is. */
  public static final Duration ESCALATION_DELAY = Duration.ofDays(7);

  private final CampaignRepository campaigns;
  private final IdentityRepository identities;
  private final HeldRoles roles;
  private final RecordedExceptions exceptions;
  private final AccessRevoker revoker;
  private final AuditLog audit;
  private final Transactions transactions;
  private final java.util.function.Supplier<String> ids;
  private final Clock clock;
  private final Function<String, List<String>> roleOwners;
  private GrantEnder grants = GrantEnder.NONE;
  private final java.util.function.Supplier<Map<String, Instant>> firstGrants;

  /**
   * @param ids new short unique ids (campaigns are {@code C-<id>}, exceptions {@code X-<id>})
   * @param roleOwners the owners (employee ids) of each role, for {@code --reviewers owner}
   * @param firstGrants when each person's role was first granted, keyed {@code identity#role} (read
   *     from the audit trail when a campaign starts; may be empty)
   */
  public Certification(
      CampaignRepository campaigns,
      IdentityRepository identities,
      HeldRoles roles,
      RecordedExceptions exceptions,
      AccessRevoker revoker,
      AuditLog audit,
      Transactions transactions,
      java.util.function.Supplier<String> ids,
      Clock clock,
      Function<String, List<String>> roleOwners,
      java.util.function.Supplier<Map<String, Instant>> firstGrants) {
    this.campaigns = campaigns;
    this.identities = identities;
    this.roles = roles;
    this.exceptions = exceptions;
    this.revoker = revoker;
    this.audit = audit;
    this.transactions = transactions;
    this.ids = ids;
    this.clock = clock;
    this.roleOwners = roleOwners;
    this.firstGrants = firstGrants;
  }

  /**
   * This service, ending the grants behind revoked roles that are not birthrights (requests,
   * exceptions, manual assignments) with {@code ender}.
   */
  public Certification endingGrantsWith(GrantEnder ender) {
    this.grants = ender;
    return this;
  }

  /** What a campaign is started with. */
  public record Start(
      String name,
      CampaignScope scope,
      ReviewerRule reviewers,
      LocalDate due,
      DeadlinePolicy onDeadline) {}

  /**
   * Starts a campaign: its items are the roles people in scope hold today.
   *
   * @throws IllegalArgumentException when the deadline has passed or the name is blank
   */
  public Campaign start(Start start, String actor) {
    if (start.name().isBlank()) {
      throw new IllegalArgumentException("--name must not be blank");
    }
    if (start.due().isBefore(today())) {
      throw new IllegalArgumentException("--due " + start.due() + " has passed");
    }
    return transactions.inTransaction(
        () -> {
          Instant now = clock.instant();
          String id = "C-" + ids.get();
          Campaign campaign =
              new Campaign(
                  id,
                  start.name(),
                  start.scope(),
                  start.reviewers(),
                  start.due(),
                  start.onDeadline(),
                  Campaign.State.OPEN,
                  actor,
                  now,
                  null,
                  null);
          List<CampaignItem> items = items(campaign);
          campaigns.insert(campaign, items);
          Map<String, String> details = new TreeMap<>();
          details.put("campaign", id);
          details.put("name", start.name());
          details.put("scope", start.scope().describe());
          details.put("reviewers", start.reviewers().describe());
          details.put("due", start.due().toString());
          details.put("onDeadline", start.onDeadline().cliName());
          details.put("items", Integer.toString(items.size()));
          audit.append(
              new AuditEvent(
                  now,
                  actor,
                  "campaign.started",
                  "campaign " + id,
                  "certification campaign " + start.name(),
                  "success",
                  details));
          return campaign;
        });
  }

  private List<CampaignItem> items(Campaign campaign) {
    Map<String, Identity> byEmployeeId = new HashMap<>();
    List<Identity> people = new ArrayList<>();
    try (Stream<Identity> all = identities.stream()) {
      all.forEach(
          person -> {
            byEmployeeId.put(employeeId(person), person);
            if (person.state() == LifecycleState.ACTIVE
                || person.state() == LifecycleState.SUSPENDED) {
              people.add(person);
            }
          });
    }
    people.sort(java.util.Comparator.comparing(Certification::employeeId));
    CampaignScope scope = campaign.scope();
    List<CampaignItem> items = new ArrayList<>();
    Map<String, Instant> granted = firstGrants.get();
    for (Identity person : people) {
      if (scope.kind() == CampaignScope.Kind.DEPARTMENT
          && !person.attribute("department").orElse("").equals(scope.value())) {
        continue;
      }
      for (Map.Entry<String, Reason> held : roles.of(person).entrySet()) {
        String role = held.getKey();
        if (scope.kind() == CampaignScope.Kind.ROLE && !role.equals(scope.value())) {
          continue;
        }
        if (scope.kind() == CampaignScope.Kind.TARGET
            && !roles.entitlements(role).containsKey(scope.value())) {
          continue;
        }
        Reason reason = held.getValue();
        String root = reason.chain().get(reason.chain().size() - 1);
        CampaignItem.Origin origin = origin(root);
        items.add(
            new CampaignItem(
                campaign.id(),
                items.size() + 1,
                person.id(),
                employeeId(person),
                name(person),
                role,
                origin,
                reference(origin, root),
                granted.get(person.id().value() + "#" + role),
                reviewers(campaign.reviewers(), person, role),
                CampaignItem.Decision.PENDING,
                null,
                null,
                null));
      }
    }
    return items;
  }

  private List<String> reviewers(ReviewerRule rule, Identity person, String role) {
    return switch (rule.kind()) {
      case MANAGER -> person.attribute("managerId").map(List::of).orElse(List.of());
      case OWNER -> roleOwners.apply(role);
      case NAMED -> rule.named();
    };
  }

  static CampaignItem.Origin origin(String root) {
    if (root.startsWith("rule ")) {
      return CampaignItem.Origin.RULE;
    }
    if (root.startsWith("request ")) {
      return CampaignItem.Origin.REQUEST;
    }
    if (root.startsWith("sod exception ") || root.startsWith("exception ")) {
      return CampaignItem.Origin.EXCEPTION;
    }
    return CampaignItem.Origin.MANUAL;
  }

  private static String reference(CampaignItem.Origin origin, String root) {
    return switch (origin) {
      case RULE -> {
        String rule = root.substring("rule ".length());
        int colon = rule.indexOf(':');
        yield colon < 0 ? rule : rule.substring(0, colon);
      }
      default -> root;
    };
  }

  /** A reviewer's decision on one item. */
  public record Decision(int item, boolean certify) {}

  /**
   * Decides items, each audited on its own ({@code campaign.certified} or {@code
   * campaign.revoked}); then the revoked ones lose their access through the planner.
   *
   * @param reviewer the employee id of the reviewer deciding
   * @throws IllegalArgumentException for an unknown item, an item decided already, or a reviewer
   *     who may not decide it (nothing is decided then)
   * @throws IllegalStateException when the campaign is closed
   */
  public List<CampaignItem> decide(
      String campaignId, List<Decision> decisions, String reviewer, String comment) {
    if (comment.isBlank()) {
      throw new IllegalArgumentException("--comment must not be blank: say why");
    }
    List<CampaignItem> decided =
        transactions.inTransaction(
            () -> {
              Campaign campaign = open(campaignId);
              Map<Integer, CampaignItem> items = new HashMap<>();
              campaigns.items(campaignId).forEach(item -> items.put(item.number(), item));
              List<CampaignItem> result = new ArrayList<>();
              for (Decision decision : decisions) {
                CampaignItem item = items.get(decision.item());
                if (item == null) {
                  throw new IllegalArgumentException(
                      "campaign " + campaignId + " has no item " + decision.item());
                }
                if (item.decision().decided()) {
                  throw new IllegalArgumentException(
                      "item "
                          + item.number()
                          + " is decided already ("
                          + item.decision().cliName()
                          + ")");
                }
                if (!item.reviewableBy(reviewer)) {
                  throw new IllegalArgumentException(
                      reviewer
                          + " does not review item "
                          + item.number()
                          + " (its reviewers: "
                          + String.join(", ", item.reviewers())
                          + ")");
                }
                result.add(
                    record(
                        campaign,
                        item,
                        decision.certify()
                            ? CampaignItem.Decision.CERTIFIED
                            : CampaignItem.Decision.REVOKED,
                        "reviewer:" + reviewer,
                        comment));
              }
              return result;
            });
    revokeAccess(decided);
    return decided;
  }

  /** Records one decision, audited; a revoked birthright becomes an exception. */
  private CampaignItem record(
      Campaign campaign,
      CampaignItem item,
      CampaignItem.Decision decision,
      String by,
      String comment) {
    Instant now = clock.instant();
    CampaignItem decided = item.decided(decision, by, now, comment);
    campaigns.update(decided);
    Map<String, String> details = new TreeMap<>();
    details.put("campaign", campaign.id());
    details.put("item", Integer.toString(item.number()));
    details.put("role", item.role());
    details.put("origin", item.origin().cliName() + " " + item.originReference());
    details.put("decision", decision.cliName());
    details.put("comment", comment);
    details.put("owner", item.identity().value());
    audit.append(
        new AuditEvent(
            now,
            by,
            decision.revoked() ? "campaign.revoked" : "campaign.certified",
            "identity " + item.identity().value(),
            reason(campaign, decided).render(),
            "success",
            details));
    if (decision.revoked() && item.origin() == CampaignItem.Origin.RULE) {
      exceptions.record(
          new RecordedException(
              "X-" + ids.get(),
              RecordedException.Kind.REVOKED_BIRTHRIGHT,
              item.identity(),
              item.role(),
              item.originReference(),
              "campaign "
                  + campaign.name()
                  + " ("
                  + campaign.id()
                  + ") item "
                  + item.number()
                  + ": "
                  + comment,
              by,
              now,
              campaign.id(),
              null));
    }
    return decided;
  }

  private static Reason reason(Campaign campaign, CampaignItem item) {
    return Reason.of(
        "campaign "
            + campaign.name()
            + " ("
            + campaign.id()
            + ") item "
            + item.number()
            + ": role "
            + item.role()
            + " "
            + (item.decision().revoked() ? "revoked" : "certified")
            + " by "
            + item.decidedBy()
            + ": "
            + item.comment());
  }

  private void revokeAccess(List<CampaignItem> decided) {
    for (CampaignItem item : decided) {
      if (item.decision().revoked()) {
        Campaign campaign = campaigns.find(item.campaign()).orElseThrow();
        if (item.origin() != CampaignItem.Origin.RULE) {
          transactions.inTransaction(
              () ->
                  grants.end(
                      item.identity(),
                      item.role(),
                      item.originReference(),
                      "campaign:" + campaign.id(),
                      reason(campaign, item).render()));
        }
        revoker.revoke(
            item.identity(),
            roles.entitlements(item.role()),
            reason(campaign, item),
            "campaign:" + campaign.id());
      }
    }
  }

  /**
   * Applies what is due in every open campaign: reminders from {@link #REMIND_BEFORE} before the
   * deadline (once, audited per reviewer with their count of undecided items), and after the
   * deadline day the campaign's policy for undecided items.
   *
   * @return the number of items the deadline decided or escalated
   */
  public int tick() {
    int changed = 0;
    for (Campaign campaign : campaigns.list()) {
      if (campaign.state() == Campaign.State.OPEN) {
        remindIfDue(campaign.id());
        if (today().isAfter(campaign.due())) {
          changed += applyDeadline(campaign.id(), false);
        }
      }
    }
    return changed;
  }

  private void remindIfDue(String campaignId) {
    transactions.run(
        () -> {
          Campaign campaign = campaigns.lock(campaignId).orElseThrow();
          Instant now = clock.instant();
          if (campaign.remindedAt() != null
              || now.isBefore(
                  campaign.due().atStartOfDay(ZoneOffset.UTC).toInstant().minus(REMIND_BEFORE))) {
            return;
          }
          Map<String, Integer> pending = new TreeMap<>();
          for (CampaignItem item : campaigns.items(campaignId)) {
            if (!item.decision().decided()) {
              for (String reviewer :
                  item.reviewers().isEmpty() ? List.of("(anyone)") : item.reviewers()) {
                pending.merge(reviewer, 1, Integer::sum);
              }
            }
          }
          pending.forEach(
              (reviewer, count) ->
                  audit.append(
                      new AuditEvent(
                          now,
                          "campaign:" + campaignId,
                          "campaign.reminder",
                          "reviewer " + reviewer,
                          count
                              + " item(s) of campaign "
                              + campaign.name()
                              + " to decide by "
                              + campaign.due(),
                          "success",
                          Map.of("campaign", campaignId, "items", Integer.toString(count)))));
          campaigns.update(campaign.remindedAt(now));
        });
  }

  /** Applies the deadline policy now; {@code closing} applies escalate as keep (nobody is left). */
  private int applyDeadline(String campaignId, boolean closing) {
    List<CampaignItem> changed =
        transactions.inTransaction(
            () -> {
              Campaign campaign = campaigns.lock(campaignId).orElseThrow();
              List<CampaignItem> result = new ArrayList<>();
              String by = "campaign:" + campaignId + " deadline";
              List<CampaignItem> pending =
                  campaigns.items(campaignId).stream()
                      .filter(item -> !item.decision().decided())
                      .toList();
              DeadlinePolicy policy = campaign.onDeadline();
              if (policy == DeadlinePolicy.ESCALATE && !closing) {
                for (CampaignItem item : pending) {
                  CampaignItem escalated = item.withReviewers(managersOf(item.reviewers()));
                  campaigns.update(escalated);
                  audit.append(
                      new AuditEvent(
                          clock.instant(),
                          by,
                          "campaign.escalated",
                          "identity " + item.identity().value(),
                          "campaign "
                              + campaign.name()
                              + " ("
                              + campaignId
                              + ") item "
                              + item.number()
                              + " undecided at the deadline "
                              + campaign.due()
                              + ": sent to "
                              + String.join(", ", escalated.reviewers()),
                          "success",
                          Map.of(
                              "campaign",
                              campaignId,
                              "item",
                              Integer.toString(item.number()),
                              "owner",
                              item.identity().value())));
                  result.add(escalated);
                }
                campaigns.update(
                    campaign.withDue(campaign.due().plusDays(ESCALATION_DELAY.toDays())));
                return result;
              }
              for (CampaignItem item : pending) {
                CampaignItem.Decision decision =
                    policy == DeadlinePolicy.REVOKE
                        ? CampaignItem.Decision.REVOKED_AT_DEADLINE
                        : CampaignItem.Decision.KEPT_AT_DEADLINE;
                result.add(
                    record(
                        campaign,
                        item,
                        decision,
                        by,
                        "undecided at the deadline " + campaign.due() + ": " + policy.cliName()));
              }
              return result;
            });
    revokeAccess(changed);
    return changed.size();
  }

  private List<String> managersOf(List<String> reviewers) {
    Set<String> managers = new LinkedHashSet<>();
    for (String reviewer : reviewers) {
      for (IdentityId id : identities.findByAttribute("employeeId", reviewer)) {
        identities
            .find(id)
            .flatMap(person -> person.attribute("managerId"))
            .ifPresent(managers::add);
      }
    }
    return List.copyOf(managers);
  }

  /**
   * Closes a campaign: undecided items follow its deadline policy now (escalation, with nobody left
   * to wait for, keeps them), and it takes no more decisions.
   */
  public Campaign close(String campaignId, String actor) {
    open(campaignId);
    applyDeadline(campaignId, true);
    return transactions.inTransaction(
        () -> {
          Campaign closed = campaigns.lock(campaignId).orElseThrow().closedAt(clock.instant());
          campaigns.update(closed);
          audit.append(
              new AuditEvent(
                  clock.instant(),
                  actor,
                  "campaign.closed",
                  "campaign " + campaignId,
                  "certification campaign " + closed.name() + " closed",
                  "success",
                  Map.of("campaign", campaignId)));
          return closed;
        });
  }

  /** The campaign, open. */
  private Campaign open(String campaignId) {
    Campaign campaign =
        campaigns
            .find(campaignId)
            .orElseThrow(() -> new IllegalArgumentException("no campaign " + campaignId));
    if (campaign.state() != Campaign.State.OPEN) {
      throw new IllegalStateException("campaign " + campaignId + " is closed");
    }
    return campaign;
  }

  public List<Campaign> list() {
    return transactions.inTransaction(campaigns::list);
  }

  public Campaign find(String campaignId) {
    return transactions.inTransaction(
        () ->
            campaigns
                .find(campaignId)
                .orElseThrow(() -> new IllegalArgumentException("no campaign " + campaignId)));
  }

  /** The campaign's items, all or those one reviewer may decide. */
  public List<CampaignItem> items(String campaignId, @Nullable String reviewer) {
    find(campaignId);
    return transactions.inTransaction(
        () ->
            campaigns.items(campaignId).stream()
                .filter(item -> reviewer == null || item.reviewers().contains(reviewer))
                .toList());
  }

  /** Per decision, how many items have it. */
  public static Map<CampaignItem.Decision, Integer> progress(List<CampaignItem> items) {
    Map<CampaignItem.Decision, Integer> counts =
        new java.util.EnumMap<>(CampaignItem.Decision.class);
    for (CampaignItem.Decision decision : CampaignItem.Decision.values()) {
      counts.put(decision, 0);
    }
    items.forEach(item -> counts.merge(item.decision(), 1, Integer::sum));
    return counts;
  }

  private LocalDate today() {
    return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
  }

  static String employeeId(Identity person) {
    return person.attribute("employeeId").orElse(person.id().value());
  }

  private static String name(Identity person) {
    String name =
        (person.attribute("givenName").orElse("") + " " + person.attribute("familyName").orElse(""))
            .strip();
    return name.isEmpty() ? person.attribute("displayName").orElse("") : name;
  }
}
