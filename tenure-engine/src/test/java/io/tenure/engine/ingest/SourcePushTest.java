package io.tenure.engine.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tenure.core.correlation.Correlation;
import io.tenure.core.correlation.CorrelationRule;
import io.tenure.core.identity.Employment;
import io.tenure.core.identity.EmploymentStatus;
import io.tenure.core.identity.Identity;
import io.tenure.core.identity.IdentityId;
import io.tenure.core.identity.LifecycleState;
import io.tenure.core.source.AttributeAuthority;
import io.tenure.engine.audit.AuditEvent;
import io.tenure.engine.configuration.LifecycleSettings;
import io.tenure.engine.testing.InMemoryAuditLog;
import io.tenure.engine.testing.InMemoryIdentityRepository;
import io.tenure.engine.testing.MutableClock;
import io.tenure.engine.testing.Sources;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SourcePushTest {

  private static final LocalDate TODAY = LocalDate.of(2026, 3, 2);
  private static final IdentityId ANNA = new IdentityId("anna");
  private static final Employment SINCE_2020 =
      new Employment(EmploymentStatus.ACTIVE, LocalDate.of(2020, 1, 6), null);
  private static final PushSource SCIM =
      new PushSource(
          "scim",
          "SCIM",
          Set.of("userName", "externalId", "employeeId", "email", "department", "title"),
          new CorrelationRule("externalId", List.of("userName", "employeeId")),
          "userName");

  private final InMemoryIdentityRepository identities = new InMemoryIdentityRepository();
  private final InMemoryAuditLog audit = new InMemoryAuditLog();
  private final SourceMerge merge =
      new SourceMerge(AttributeAuthority.inOrder(List.of("hr", "scim")));
  private final SourcePush push =
      new SourcePush(
          SCIM,
          List.of(Sources.hr(Path.of("people.csv"))),
          merge,
          identities,
          audit,
          MutableClock.on(TODAY),
          LifecycleSettings.defaults());

  private static SourcePush.Push pushed(
      Optional<Identity> before, Map<String, String> values, Optional<Boolean> active) {
    return new SourcePush.Push(
        ANNA, before, values, active, "scim:okta", "SCIM push", "SCIM User anna");
  }

  private Identity anna() {
    return identities.get(ANNA);
  }

  @Test
  void aFirstPushIsAJoinerSavedAndAudited() {
    SourcePush.Outcome outcome =
        push.push(
            pushed(
                Optional.empty(),
                Map.of("userName", "anna", "department", "Sales", "nickName", "Annie"),
                Optional.empty()));

    assertThat(outcome.changed()).isTrue();
    assertThat(anna()).isEqualTo(outcome.identity());
    assertThat(anna().state()).isEqualTo(LifecycleState.ACTIVE);
    assertThat(anna().employment()).isEqualTo(new Employment(EmploymentStatus.ACTIVE, TODAY, null));
    assertThat(anna().attributes())
        .as("only what the source provides is taken")
        .containsEntry("department", "Sales")
        .doesNotContainKey("nickName");
    AuditEvent joiner = audit.events().get(0);
    assertThat(audit.events()).hasSize(1);
    assertThat(joiner.actor()).isEqualTo("scim:okta");
    assertThat(joiner.action()).isEqualTo("identity.joiner");
    assertThat(joiner.subject()).isEqualTo("identity anna");
    assertThat(joiner.reason()).startsWith("SCIM push: joiner");
    assertThat(joiner.details())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("source", "scim", "userName", "anna", "correlation", "SCIM User anna"));
    assertThat(outcome.events()).extracting(event -> event.kind().name()).containsExactly("JOINER");
  }

  @Test
  void thePushsLifecycleEventsAreToldToTheListenerAndANoChangePushTellsNothing() {
    List<LifecycleListener.Recorded> told = new java.util.ArrayList<>();
    SourcePush listened =
        new SourcePush(
            SCIM,
            List.of(Sources.hr(Path.of("people.csv"))),
            merge,
            identities,
            audit,
            MutableClock.on(TODAY),
            LifecycleSettings.defaults(),
            told::addAll);
    Map<String, String> values = Map.of("userName", "anna", "department", "Sales");
    listened.push(pushed(Optional.empty(), values, Optional.empty()));
    assertThat(told)
        .singleElement()
        .satisfies(
            recorded -> {
              assertThat(recorded.event().kind().name()).isEqualTo("JOINER");
              assertThat(recorded.before()).isNull();
              assertThat(recorded.after()).isEqualTo(anna());
            });

    listened.push(pushed(Optional.of(anna()), values, Optional.empty()));
    assertThat(told).as("a push that changes nothing tells nothing").hasSize(1);

    Identity before = anna();
    listened.push(pushed(Optional.of(before), values, Optional.of(false)));
    assertThat(told)
        .extracting(recorded -> recorded.event().kind().name())
        .as("every event of the push, as the audit has them")
        .containsExactly("JOINER", "LEAVER", "UPDATED");
    assertThat(told.get(1).before()).isEqualTo(before);
  }

  @Test
  void aPushThatChangesNothingSavesAndAuditsNothing() {
    Map<String, String> values = Map.of("userName", "anna", "department", "Sales");
    push.push(pushed(Optional.empty(), values, Optional.of(true)));
    Identity stored = anna();

    SourcePush.Outcome again = push.push(pushed(Optional.of(stored), values, Optional.of(true)));

    assertThat(again.changed()).isFalse();
    assertThat(again.events()).isEmpty();
    assertThat(again.identity()).isEqualTo(stored);
    assertThat(audit.events()).hasSize(1);
  }

  @Test
  void activeFalseTerminatesTodayAnOmittedFlagKeepsItAndActiveTrueIsARehire() {
    Map<String, String> values = Map.of("userName", "anna");
    push.push(pushed(Optional.empty(), values, Optional.empty()));

    SourcePush.Outcome leaver =
        push.push(
            new SourcePush.Push(
                ANNA,
                Optional.of(anna()),
                values,
                Optional.of(false),
                "scim:okta",
                "SCIM DELETE",
                "deleted by SCIM"));
    assertThat(anna().state()).isEqualTo(LifecycleState.TERMINATED);
    assertThat(anna().employment().end()).contains(TODAY);
    assertThat(leaver.events()).extracting(event -> event.kind().name()).contains("LEAVER");
    assertThat(audit.events())
        .extracting(AuditEvent::reason)
        .anyMatch(reason -> reason.startsWith("SCIM DELETE: leaver"));

    assertThat(push.push(pushed(Optional.of(anna()), values, Optional.empty())).changed())
        .as("a push without active keeps the employment")
        .isFalse();
    assertThat(push.push(pushed(Optional.of(anna()), values, Optional.of(false))).changed())
        .isFalse();

    push.push(pushed(Optional.of(anna()), values, Optional.of(true)));
    assertThat(anna().state()).isEqualTo(LifecycleState.ACTIVE);
    assertThat(audit.events()).extracting(AuditEvent::action).contains("identity.rehire");
    assertThat(identities.count()).isEqualTo(1);
  }

  /** Anna as the HR source knows her: HR decides her lifecycle and outranks SCIM. */
  private Identity fromHr() {
    Identity hr =
        merge.apply(
            Optional.empty(),
            ANNA,
            "hr",
            Set.of("employeeId", "email", "department"),
            Map.of("employeeId", "E1", "email", "anna@example.com", "department", "Sales"),
            Optional.of(SINCE_2020),
            TODAY);
    identities.save(hr);
    return hr;
  }

  @Test
  void aPushThatWouldChangeWhatAnotherSourceDecidesIsRefusedAsAWhole() {
    Identity hr = fromHr();

    assertThatThrownBy(
            () ->
                push.push(
                    pushed(
                        Optional.of(hr),
                        Map.of(
                            "userName", "anna",
                            "employeeId", "E2",
                            "department", "Engineering",
                            "title", "Engineer"),
                        Optional.of(false))))
        .isInstanceOfSatisfying(
            PushRefused.class,
            refused -> {
              assertThat(refused.identity()).isEqualTo(ANNA);
              assertThat(refused.getMessage())
                  .isEqualTo(
                      "a SCIM push may change only what SCIM decides for this person:"
                          + " employeeId is a correlation key of source hr for this person;"
                          + " department is given by source hr for this person (authority: hr,"
                          + " scim); lifecycle is given by source hr for this person (authority:"
                          + " hr, scim)");
              assertThat(refused.refusals()).hasSize(3);
            });
    assertThat(anna()).as("nothing of a refused push is saved").isEqualTo(hr);
    assertThat(audit.events()).isEmpty();
  }

  @Test
  void whatNoOtherSourceDecidesMayBeChangedForAPersonTheyKnow() {
    Identity hr = fromHr();

    SourcePush.Outcome outcome =
        push.push(
            pushed(
                Optional.of(hr),
                Map.of("userName", "anna", "employeeId", "E1", "title", "Engineer"),
                Optional.of(true)));

    assertThat(outcome.changed()).isTrue();
    assertThat(anna().attributes())
        .containsEntry("title", "Engineer")
        .containsEntry("department", "Sales");
    assertThat(anna().employment()).isEqualTo(SINCE_2020);
  }

  @Test
  void aRefusalIsAuditedOnItsOwn() {
    Identity hr = fromHr();
    PushRefused refused =
        assertThrows(
            PushRefused.class,
            () ->
                push.push(
                    pushed(
                        Optional.of(hr),
                        Map.of("userName", "anna", "email", "other@example.com"),
                        Optional.empty())));

    push.auditRefusal(refused, "scim:okta");

    AuditEvent event = audit.events().get(0);
    assertThat(event.action()).isEqualTo("scim.push-refused");
    assertThat(event.subject()).isEqualTo("identity anna");
    assertThat(event.outcome()).isEqualTo("refused");
    assertThat(event.reason())
        .isEqualTo(
            "a SCIM push may change only what SCIM decides for this person:"
                + " email is a correlation key of source hr for this person");
    assertThat(event.details()).containsExactly(Map.entry("source", "scim"));
  }

  @Test
  void recordsCorrelateByTheSourcesRuleAndRepeatOnlyWhatItProvides() {
    Identity hr = fromHr();
    push.push(
        pushed(Optional.of(hr), Map.of("userName", "anna", "employeeId", "E1"), Optional.empty()));

    assertThat(push.correlate(Map.of("userName", "anna")))
        .isEqualTo(new Correlation.Matched(ANNA, "userName"));
    assertThat(push.correlate(Map.of("externalId", "x-1", "userName", "bob")))
        .isInstanceOf(Correlation.NoMatch.class);
    assertThat(push.providedValues(anna()))
        .isEqualTo(
            Map.of(
                "userName", "anna",
                "employeeId", "E1",
                "email", "anna@example.com",
                "department", "Sales"));
  }
}
