package io.tenure.governance.request;

import static io.tenure.governance.request.RequestFixture.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tenure.engine.assignment.Assignment;
import io.tenure.engine.assignment.AssignmentOrigin;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Filing and deciding requests: routing, self-approval, bad input, SoD refusals and exceptions. */
class AccessRequestsTest {

  private final RequestFixture fixture = new RequestFixture();
  private final AccessRequests requests = fixture.requests;

  @Test
  void aManagersRequestGoesThroughTheChainAndIsProvisionedAsAnAssignment() {
    AccessRequest filed =
        requests.create(
            as("E1100"), "E1050", "vpn", "new hire needs VPN", fixture.today().plusDays(29));

    assertThat(filed.id().value()).isEqualTo("R-1");
    assertThat(filed.state()).isEqualTo(RequestState.PENDING);
    assertThat(filed.stepName()).isEqualTo("manager");
    assertThat(filed.approvers())
        .as("the manager step of a manager's own request goes to their manager")
        .containsExactly("E1200");
    assertThat(filed.until())
        .isEqualTo(fixture.today().plusDays(30).atStartOfDay(java.time.ZoneOffset.UTC).toInstant());

    assertThatThrownBy(() -> requests.approve(filed.id(), as("E1100"), "mine"))
        .isInstanceOf(RequestRefusedException.class)
        .hasMessageContaining("self-approval is refused");
    assertThatThrownBy(() -> requests.approve(filed.id(), as("E1900"), "early"))
        .isInstanceOf(RequestRefusedException.class)
        .hasMessage("E1900 is not an approver of the current step of R-1 (manager: E1200)");

    AccessRequest second = requests.approve(filed.id(), as("E1200"), "fine");
    assertThat(second.stepName()).isEqualTo("owner");
    assertThat(second.approvers()).containsExactly("E1900");
    AccessRequest done = requests.approve(filed.id(), as("E1900"), "ok");

    assertThat(done.state()).isEqualTo(RequestState.PROVISIONED);
    Assignment assignment = fixture.assignmentStore.find(done.assignment()).orElseThrow();
    assertThat(assignment.origin()).isEqualTo(AssignmentOrigin.request("R-1"));
    assertThat(assignment.validUntil()).isEqualTo(filed.until());
    assertThat(fixture.applied).containsExactly(List.of(fixture.people.get("E1050").id()));
    assertThat(requests.history(filed.id()))
        .extracting(RequestEvent::action)
        .containsExactly("submitted", "approved", "approved", "granted", "provisioned");
    assertThat(fixture.notices)
        .containsExactly(
            "request.pending R-1 [E1200]",
            "request.pending R-1 [E1900]",
            "request.decided R-1 [E1100, E1050]",
            "request.provisioned R-1 [E1100, E1050]");
    assertThat(fixture.engine.audit.recent(null, 20))
        .extracting(record -> record.event().action())
        .contains(
            "request.submitted", "request.approved", "request.granted", "request.provisioned");
    assertThatThrownBy(
            () ->
                requests.create(as("E1100"), "E1050", "vpn", "again", fixture.today().plusDays(5)))
        .isInstanceOf(RequestRefusedException.class)
        .hasMessageStartingWith("E1050 already holds vpn (role vpn, from request R-1");
  }

  @Test
  void badInputIsRefusedAndNothingIsStored() {
    assertThatThrownBy(() -> requests.create(as("E1100"), "E9999", "vpn", "x", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no person with employee id E9999");
    assertThatThrownBy(() -> requests.create(as("E1100"), "E1050", "pilot", "x", null))
        .hasMessage("no role named 'pilot'");
    assertThatThrownBy(() -> requests.create(as("E1100"), "E1050", "staff", "x", null))
        .hasMessage("role 'staff' is not requestable");
    assertThatThrownBy(
            () -> requests.create(as("E1100"), "E1050", "vpn", "x", fixture.today().plusDays(120)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at most 90 days");
    assertThatThrownBy(
            () -> requests.create(as("E1100"), "E1050", "vpn", "x", fixture.today().minusDays(1)))
        .hasMessageContaining("has passed");
    assertThatThrownBy(() -> requests.create(as("E1300"), "E1050", "vpn", "x", null))
        .isInstanceOf(RequestRefusedException.class)
        .hasMessageContaining("only for themselves and the people in their reporting line");
    assertThatThrownBy(() -> requests.create(as("E1100"), "E1050", "vpn", " ", null))
        .hasMessageContaining("needs a reason");
    assertThat(fixture.requestStore.list(null, null, null, 10)).isEmpty();

    AccessRequest operators =
        requests.create(RequestActor.operator("cli:root"), "E1050", "vpn", "helpdesk", null);
    assertThat(operators.until())
        .as("maxDuration is the default end")
        .isEqualTo(fixture.engine.clock.instant().plus(Duration.ofDays(90)));
    assertThat(operators.approvers()).containsExactly("E1100");
    assertThatThrownBy(() -> requests.reject(operators.id(), as("E1100"), ""))
        .hasMessageContaining("needs a comment");
    AccessRequest rejected = requests.reject(operators.id(), as("E1100"), "not needed");
    assertThat(rejected.state()).isEqualTo(RequestState.REJECTED);
    assertThat(fixture.assignmentStore.of(fixture.people.get("E1050").id())).isEmpty();
  }

  @Test
  void aConflictIsRefusedNamingTheRuleOrRoutedToAnExceptionWithAnEndDate() {
    AccessRequest payments =
        requests.create(as("E1050"), "E1050", "payments", "I pay suppliers", null);
    assertThat(payments.state()).as("no approval needed").isEqualTo(RequestState.PROVISIONED);

    assertThatThrownBy(() -> requests.create(as("E1050"), "E1050", "auditing", "audit", null))
        .isInstanceOf(RequestRefusedException.class)
        .hasMessage(
            "refused by separation-of-duties rule audit-and-pay (critical): auditing + payments:"
                + " E1050 would hold them together");
    assertThatThrownBy(() -> requests.create(as("E1100"), "E1050", "approvals", "cover", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("pay-and-approve")
        .hasMessageContaining("end date");

    AccessRequest exception =
        requests.create(
            as("E1100"), "E1050", "approvals", "covering for leave", fixture.today().plusDays(14));
    assertThat(exception.sodRule()).isEqualTo("pay-and-approve");
    assertThat(exception.approvers()).containsExactly("E1950");
    AccessRequest granted = requests.approve(exception.id(), as("E1950"), "two weeks only");

    assertThat(granted.state()).isEqualTo(RequestState.PROVISIONED);
    assertThat(fixture.assignmentStore.find(granted.assignment()).orElseThrow().origin())
        .isEqualTo(AssignmentOrigin.exception(exception.id().value()));
    assertThat(fixture.engine.audit.recent(null, 50))
        .anySatisfy(
            record ->
                assertThat(record.event().details())
                    .containsEntry("sodException", "pay-and-approve"));
  }

  @Test
  void anUnansweredRequestEscalatesThenExpires() {
    AccessRequest filed = requests.create(as("E1050"), "E1050", "vpn", "remote work", null);
    assertThat(filed.approvers()).containsExactly("E1100");

    fixture.engine.clock.advance(Duration.ofDays(3).minusMinutes(1));
    assertThat(fixture.work.run().escalated()).isZero();
    fixture.engine.clock.advance(Duration.ofMinutes(1));
    RequestWork.Summary first = fixture.work.run();

    assertThat(first.escalated()).isEqualTo(1);
    AccessRequest escalated = requests.get(filed.id());
    assertThat(escalated.approvers()).containsExactly("E1200");
    assertThat(escalated.escalated()).isTrue();
    assertThatThrownBy(() -> requests.approve(filed.id(), as("E1100"), "late"))
        .isInstanceOf(RequestRefusedException.class);

    fixture.engine.clock.advance(Duration.ofDays(3));
    assertThat(fixture.work.run().expired()).isEqualTo(1);
    assertThat(requests.get(filed.id()).state()).isEqualTo(RequestState.EXPIRED);
    assertThat(fixture.notices)
        .containsExactly(
            "request.pending R-1 [E1100]",
            "request.escalated R-1 [E1200]",
            "request.expired R-1 [E1050]");
    assertThat(requests.history(filed.id()))
        .extracting(RequestEvent::action)
        .containsExactly("submitted", "escalated", "expired");
  }

  @Test
  void timeBoundAccessIsRemindedThenEndedAndPlanned() {
    AccessRequest filed =
        requests.create(as("E1050"), "E1050", "vpn", "project", fixture.today().plusDays(9));
    requests.approve(filed.id(), as("E1100"), "");
    AccessRequest done = requests.approve(filed.id(), as("E1900"), "");
    Instant until = done.until();
    fixture.applied.clear();

    fixture.engine.clock.advance(Duration.ofDays(6));
    assertThat(fixture.work.run().reminded()).isZero();
    fixture.engine.clock.advance(Duration.ofDays(1).plusHours(1));
    assertThat(fixture.work.run().reminded()).isEqualTo(1);
    assertThat(fixture.work.run().reminded()).as("once").isZero();
    assertThat(fixture.notices).contains("access.ending R-1 [E1050, E1100, E1900]");

    fixture.engine.clock.setDay(fixture.today().plusDays(3));
    assertThat(fixture.engine.clock.instant()).isAfterOrEqualTo(until);
    RequestWork.Summary ended = fixture.work.run();

    assertThat(ended.ended()).isEqualTo(1);
    assertThat(fixture.applied).containsExactly(List.of(fixture.people.get("E1050").id()));
    assertThat(fixture.assignmentStore.find(done.assignment()).orElseThrow().endReason())
        .isEqualTo("ended on " + until);
    assertThat(fixture.notices).contains("access.ended R-1 [E1050]");
  }

  @Test
  void aTransferSendsRequestedAccessToTheNewManagerAndRevokesItUnconfirmed() {
    AccessRequest filed = requests.create(as("E1050"), "E1050", "vpn", "remote", null);
    requests.approve(filed.id(), as("E1100"), "");
    AccessRequest done = requests.approve(filed.id(), as("E1900"), "");
    fixture.applied.clear();
    fixture.move("E1050", "E1300");

    RequestWork.Summary moved = fixture.work.run();

    assertThat(moved.reviewed()).isEqualTo(1);
    assertThat(requests.get(filed.id()).approvers()).containsExactly("E1300");
    assertThat(fixture.notices).contains("access.review R-1 [E1300]");
    assertThat(fixture.work.run().reviewed()).as("sent once").isZero();

    fixture.engine.clock.advance(Duration.ofDays(3));
    RequestWork.Summary revoked = fixture.work.run();

    assertThat(revoked.revoked()).isEqualTo(1);
    assertThat(fixture.assignmentStore.find(done.assignment()).orElseThrow().isEnded()).isTrue();
    assertThat(fixture.applied).containsExactly(List.of(fixture.people.get("E1050").id()));
  }

  @Test
  void anApprovalWhoseProvisioningWasNeverConfirmedIsProvisionedByTheNextRun() {
    AccessRequest filed = requests.create(as("E1050"), "E1050", "vpn", "remote", null);
    requests.approve(filed.id(), as("E1100"), "");
    AccessRequest done = requests.approve(filed.id(), as("E1900"), "");
    // as if the process had stopped between the approval and the end of provisioning
    fixture.requestStore.update(done.withState(RequestState.APPROVED, done.updatedAt(), ""));
    fixture.applied.clear();

    fixture.work.run();

    assertThat(requests.get(filed.id()).state()).isEqualTo(RequestState.PROVISIONED);
    assertThat(fixture.applied).containsExactly(List.of(fixture.people.get("E1050").id()));
    fixture.applied.clear();
    fixture.work.run();
    assertThat(fixture.applied).as("once").isEmpty();
  }

  @Test
  void aConfirmedTransferReviewKeepsTheAccess() {
    AccessRequest filed = requests.create(as("E1050"), "E1050", "vpn", "remote", null);
    requests.approve(filed.id(), as("E1100"), "");
    AccessRequest done = requests.approve(filed.id(), as("E1900"), "");
    fixture.move("E1050", "E1300");
    fixture.work.run();

    requests.approve(filed.id(), as("E1300"), "still needed");
    fixture.engine.clock.advance(Duration.ofDays(4));

    assertThat(fixture.work.run().revoked()).isZero();
    assertThat(fixture.assignmentStore.find(done.assignment()).orElseThrow().isEnded()).isFalse();
    assertThat(requests.get(filed.id()).beneficiaryManager()).isEqualTo("E1300");
  }
}
