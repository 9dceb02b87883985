package io.tenure.governance.certification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tenure.core.identity.Employment;
import io.tenure.core.identity.EmploymentStatus;
import io.tenure.core.identity.Identity;
import io.tenure.core.identity.IdentityId;
import io.tenure.core.identity.LifecycleState;
import io.tenure.core.plan.Reason;
import io.tenure.engine.audit.AuditEvent;
import io.tenure.engine.testing.CountingTransactions;
import io.tenure.engine.testing.InMemoryAuditLog;
import io.tenure.engine.testing.InMemoryIdentityRepository;
import io.tenure.engine.testing.MutableClock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CertificationTest {

  private static final LocalDate DUE = LocalDate.of(2026, 3, 12);

  private final InMemoryIdentityRepository identities = new InMemoryIdentityRepository();
  private final InMemoryAuditLog audit = new InMemoryAuditLog();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T09:00:00Z"));
  private final MemoryCampaigns campaigns = new MemoryCampaigns();
  private final List<RecordedException> exceptions = new ArrayList<>();
  private final List<String> revocations = new ArrayList<>();
  private Certification certification;

  @BeforeEach
  void setUp() {
    person("p1", "E1", "Mia", "Boss", null, "Management");
    person("p2", "E2", "Ada", "Dev", "E1", "Engineering");
    person("p3", "E3", "Bo", "Dev", "E1", "Engineering");
    person("p4", "E4", "Cy", "Sales", "E1", "Sales");
    HeldRoles held =
        new HeldRoles() {
          @Override
          public Map<String, Reason> of(Identity person) {
            Map<String, Reason> roles = new TreeMap<>();
            roles.put("staff", new Reason(List.of("role staff", "rule employees: true")));
            if (person.attribute("department").orElse("").equals("Engineering")
                && !withheld(person.id(), "engineering")) {
              roles.put(
                  "engineering",
                  new Reason(
                      List.of(
                          "role engineering",
                          "rule engineering-birthright: department == 'Engineering'")));
            }
            if (person.id().value().equals("p3")) {
              roles.put("vpn", new Reason(List.of("role vpn", "request R-1")));
            }
            return roles;
          }

          @Override
          public Map<String, Set<String>> entitlements(String role) {
            return Map.of("directory", Set.of(role));
          }
        };
    AtomicInteger ids = new AtomicInteger();
    certification =
        new Certification(
            campaigns,
            identities,
            held,
            new ListedExceptions(),
            (identity, entitlements, reason, actor) ->
                revocations.add(
                    identity.value() + " " + entitlements + " " + actor + " " + reason.render()),
            audit,
            new CountingTransactions(),
            () -> Integer.toString(ids.incrementAndGet()),
            clock,
            role -> role.equals("engineering") ? List.of("E9") : List.of(),
            () -> Map.of("p2#engineering", Instant.parse("2025-01-01T00:00:00Z")));
  }

  @Test
  void itemsArePersonTimesRoleInScopeWithOriginGrantAndReviewer() {
    Campaign campaign =
        start(
            new CampaignScope(CampaignScope.Kind.ROLE, "engineering"),
            "manager",
            DeadlinePolicy.KEEP);
    List<CampaignItem> items = certification.items(campaign.id(), null);
    assertThat(items)
        .extracting(
            item ->
                item.number()
                    + " "
                    + item.employeeId()
                    + " "
                    + item.role()
                    + " "
                    + item.origin()
                    + " "
                    + item.originReference()
                    + " "
                    + item.reviewers())
        .containsExactly(
            "1 E2 engineering RULE engineering-birthright [E1]",
            "2 E3 engineering RULE engineering-birthright [E1]");
    assertThat(items.get(0).grantedAt()).isEqualTo(Instant.parse("2025-01-01T00:00:00Z"));
    assertThat(events("campaign.started"))
        .singleElement()
        .satisfies(event -> assertThat(event.details()).containsEntry("items", "2"));
  }

  @Test
  void scopesByDepartmentTargetAndEveryoneAndReviewersByOwnerOrName() {
    Campaign sales =
        start(
            new CampaignScope(CampaignScope.Kind.DEPARTMENT, "Sales"),
            "E7,E8",
            DeadlinePolicy.KEEP);
    assertThat(certification.items(sales.id(), null))
        .extracting(item -> item.employeeId() + " " + item.role() + " " + item.reviewers())
        .containsExactly("E4 staff [E7, E8]");
    Campaign everyone = start(CampaignScope.everyone(), "owner", DeadlinePolicy.KEEP);
    assertThat(certification.items(everyone.id(), null)).hasSize(7);
    assertThat(certification.items(everyone.id(), "E9"))
        .extracting(CampaignItem::employeeId)
        .containsExactly("E2", "E3");
    assertThat(certification.items(everyone.id(), null))
        .filteredOn(item -> item.role().equals("vpn"))
        .singleElement()
        .satisfies(item -> assertThat(item.origin()).isEqualTo(CampaignItem.Origin.REQUEST));
    Campaign directory =
        start(
            new CampaignScope(CampaignScope.Kind.TARGET, "directory"),
            "manager",
            DeadlinePolicy.KEEP);
    assertThat(certification.items(directory.id(), null)).hasSize(7);
  }

  @Test
  void aRevokedBirthrightIsRevokedThroughThePlannerAndRecordedAsAnException() {
    Campaign campaign =
        start(
            new CampaignScope(CampaignScope.Kind.ROLE, "engineering"),
            "manager",
            DeadlinePolicy.KEEP);

    assertThatThrownBy(
            () ->
                certification.decide(
                    campaign.id(), List.of(new Certification.Decision(1, true)), "E4", "ok"))
        .hasMessageContaining("E4 does not review item 1");
    certification.decide(
        campaign.id(), List.of(new Certification.Decision(1, true)), "E1", "needed");
    certification.decide(
        campaign.id(), List.of(new Certification.Decision(2, false)), "E1", "moved to QA");

    assertThat(certification.items(campaign.id(), null))
        .extracting(item -> item.decision() + " " + item.decidedBy() + " " + item.comment())
        .containsExactly("CERTIFIED reviewer:E1 needed", "REVOKED reviewer:E1 moved to QA");
    assertThat(revocations)
        .containsExactly(
            "p3 {directory=[engineering]} campaign:"
                + campaign.id()
                + " campaign q1 ("
                + campaign.id()
                + ") item 2: role engineering revoked by reviewer:E1: moved to QA");
    assertThat(exceptions)
        .singleElement()
        .satisfies(
            exception -> {
              assertThat(exception.identity()).isEqualTo(new IdentityId("p3"));
              assertThat(exception.role()).isEqualTo("engineering");
              assertThat(exception.rule()).isEqualTo("engineering-birthright");
              assertThat(exception.campaign()).isEqualTo(campaign.id());
            });
    assertThat(events("campaign.certified")).hasSize(1);
    assertThat(events("campaign.revoked"))
        .singleElement()
        .satisfies(event -> assertThat(event.subject()).isEqualTo("identity p3"));
    assertThatThrownBy(
            () ->
                certification.decide(
                    campaign.id(), List.of(new Certification.Decision(2, true)), "E1", "again"))
        .hasMessageContaining("decided already");
  }

  @Test
  void aBulkDecisionIsAuditedItemByItem() {
    Campaign campaign = start(CampaignScope.everyone(), "E1", DeadlinePolicy.KEEP);
    certification.decide(
        campaign.id(),
        List.of(
            new Certification.Decision(1, true),
            new Certification.Decision(2, true),
            new Certification.Decision(3, true)),
        "E1",
        "all fine");
    assertThat(events("campaign.certified"))
        .extracting(event -> event.details().get("item"))
        .containsExactly("1", "2", "3");
  }

  @Test
  void reviewersAreRemindedOnceThreeDaysBeforeTheDeadline() {
    Campaign campaign =
        start(
            new CampaignScope(CampaignScope.Kind.ROLE, "engineering"),
            "manager",
            DeadlinePolicy.KEEP);
    certification.tick();
    assertThat(events("campaign.reminder")).isEmpty();
    clock.setDay(DUE.minusDays(3));
    certification.tick();
    certification.tick();
    assertThat(events("campaign.reminder"))
        .singleElement()
        .satisfies(
            event -> {
              assertThat(event.subject()).isEqualTo("reviewer E1");
              assertThat(event.details())
                  .containsEntry("items", "2")
                  .containsEntry("campaign", campaign.id());
            });
  }

  @Test
  void atTheDeadlineUndecidedItemsAreKeptRevokedOrEscalated() {
    Campaign keep =
        start(
            new CampaignScope(CampaignScope.Kind.ROLE, "engineering"),
            "manager",
            DeadlinePolicy.KEEP);
    certification.decide(keep.id(), List.of(new Certification.Decision(1, false)), "E1", "no");
    clock.setDay(DUE);
    assertThat(certification.tick()).as("not before the day after the deadline").isZero();
    clock.setDay(DUE.plusDays(1));
    assertThat(certification.tick()).isEqualTo(1);
    assertThat(certification.items(keep.id(), null))
        .extracting(CampaignItem::decision)
        .containsExactly(CampaignItem.Decision.REVOKED, CampaignItem.Decision.KEPT_AT_DEADLINE);
    assertThat(revocations).hasSize(1);
  }

  @Test
  void theRevokePolicyRevokesWhatNobodyDecided() {
    Campaign revoke =
        start(
            new CampaignScope(CampaignScope.Kind.ROLE, "engineering"),
            "manager",
            DeadlinePolicy.REVOKE);
    clock.setDay(DUE.plusDays(1));
    certification.tick();
    assertThat(certification.items(revoke.id(), null))
        .extracting(CampaignItem::decision)
        .containsOnly(CampaignItem.Decision.REVOKED_AT_DEADLINE);
    assertThat(revocations).hasSize(2).allMatch(text -> text.contains("campaign:" + revoke.id()));
    assertThat(exceptions).hasSize(2);
  }

  @Test
  void theEscalatePolicySendsItemsToTheReviewersManagersWithAWeekMore() {
    person("p0", "E0", "Top", "Boss", null, "Board");
    identities.save(
        identities
            .get(new IdentityId("p1"))
            .withAttributes(
                Map.of(
                    "employeeId",
                    "E1",
                    "givenName",
                    "Mia",
                    "familyName",
                    "Boss",
                    "managerId",
                    "E0",
                    "department",
                    "Management")));
    Campaign escalate =
        start(
            new CampaignScope(CampaignScope.Kind.ROLE, "engineering"),
            "manager",
            DeadlinePolicy.ESCALATE);
    clock.setDay(DUE.plusDays(1));
    assertThat(certification.tick()).isEqualTo(2);
    assertThat(certification.items(escalate.id(), null))
        .extracting(item -> item.decision() + " " + item.reviewers())
        .containsOnly("PENDING [E0]");
    assertThat(certification.find(escalate.id()).due()).isEqualTo(DUE.plusDays(7));
    assertThat(events("campaign.escalated")).hasSize(2);
    certification.decide(escalate.id(), List.of(new Certification.Decision(1, true)), "E0", "fine");

    Campaign closed = certification.close(escalate.id(), "cli:admin");
    assertThat(closed.state()).isEqualTo(Campaign.State.CLOSED);
    assertThat(certification.items(escalate.id(), null))
        .extracting(CampaignItem::decision)
        .containsExactly(CampaignItem.Decision.CERTIFIED, CampaignItem.Decision.KEPT_AT_DEADLINE);
    assertThatThrownBy(
            () ->
                certification.decide(
                    escalate.id(), List.of(new Certification.Decision(2, true)), "E0", "x"))
        .hasMessageContaining("closed");
  }

  private Campaign start(CampaignScope scope, String reviewers, DeadlinePolicy policy) {
    return certification.start(
        new Certification.Start("q1", scope, ReviewerRule.parse(reviewers), DUE, policy),
        "cli:admin");
  }

  private boolean withheld(IdentityId identity, String role) {
    return exceptions.stream()
        .anyMatch(e -> e.identity().equals(identity) && e.role().equals(role));
  }

  private List<AuditEvent> events(String action) {
    return audit.events().stream().filter(event -> event.action().equals(action)).toList();
  }

  private void person(
      String id,
      String employeeId,
      String given,
      String family,
      String manager,
      String department) {
    Map<String, String> attributes = new HashMap<>();
    attributes.put("employeeId", employeeId);
    attributes.put("givenName", given);
    attributes.put("familyName", family);
    attributes.put("department", department);
    if (manager != null) {
      attributes.put("managerId", manager);
    }
    identities.save(
        new Identity(
            new IdentityId(id),
            LifecycleState.ACTIVE,
            attributes,
            new Employment(EmploymentStatus.ACTIVE, LocalDate.of(2020, 1, 1), null),
            Map.of()));
  }

  private final class ListedExceptions implements RecordedExceptions {
    @Override
    public void record(RecordedException exception) {
      exceptions.add(exception);
    }

    @Override
    public List<RecordedException> all() {
      return List.copyOf(exceptions);
    }

    @Override
    public Map<IdentityId, Set<String>> revokedRoles(Collection<IdentityId> people, LocalDate day) {
      return Map.of();
    }
  }

  /** Campaigns in maps. */
  static final class MemoryCampaigns implements CampaignRepository {
    private final Map<String, Campaign> campaigns = new LinkedHashMap<>();
    private final Map<String, Map<Integer, CampaignItem>> items = new HashMap<>();

    @Override
    public void insert(Campaign campaign, List<CampaignItem> newItems) {
      campaigns.put(campaign.id(), campaign);
      Map<Integer, CampaignItem> byNumber = new TreeMap<>();
      newItems.forEach(item -> byNumber.put(item.number(), item));
      items.put(campaign.id(), byNumber);
    }

    @Override
    public void update(Campaign campaign) {
      campaigns.put(campaign.id(), campaign);
    }

    @Override
    public void update(CampaignItem item) {
      items.get(item.campaign()).put(item.number(), item);
    }

    @Override
    public Optional<Campaign> find(String id) {
      return Optional.ofNullable(campaigns.get(id));
    }

    @Override
    public Optional<Campaign> lock(String id) {
      return find(id);
    }

    @Override
    public List<Campaign> list() {
      List<Campaign> all = new ArrayList<>(campaigns.values());
      java.util.Collections.reverse(all);
      return all;
    }

    @Override
    public List<CampaignItem> items(String campaign) {
      return List.copyOf(items.getOrDefault(campaign, Map.of()).values());
    }
  }
}
