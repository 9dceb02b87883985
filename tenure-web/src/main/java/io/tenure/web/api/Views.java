package io.tenure.web.api;

import io.tenure.core.account.KnownAccount;
import io.tenure.core.account.TargetId;
import io.tenure.core.identity.Identity;
import io.tenure.core.identity.IdentityId;
import io.tenure.core.plan.Reason;
import io.tenure.engine.access.AccessRole;
import io.tenure.engine.access.ApiToken;
import io.tenure.engine.access.LocalUser;
import io.tenure.engine.access.Principals;
import io.tenure.engine.audit.AuditRecord;
import io.tenure.engine.execution.QueuedOperation;
import io.tenure.engine.execution.StoredOperation;
import io.tenure.engine.guard.PlanHold;
import io.tenure.engine.people.PersonDetail;
import io.tenure.engine.reconciliation.Finding;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Turns the engine's values into what the API and the console show: ids come with human names,
 * reasons as their chains, instants in ISO-8601.
 */
public final class Views {

  /** How the audit trail names a person as a subject. */
  private static final String PERSON_SUBJECT = "identity ";

  private Views() {}

  /** The people an audit event names: its subject and the owner of its account. */
  public static Set<IdentityId> people(Collection<AuditRecord> records) {
    Set<IdentityId> people = new LinkedHashSet<>();
    for (AuditRecord record : records) {
      String subject = record.event().subject();
      if (subject.startsWith(PERSON_SUBJECT)) {
        people.add(new IdentityId(subject.substring(PERSON_SUBJECT.length())));
      }
    }
    return people;
  }

  /** An operation, its owner named when {@code names} knows them. */
  public static OperationViews.Operation operation(
      StoredOperation stored, @Nullable QueuedOperation queued, Map<IdentityId, String> names) {
    var operation = stored.operation();
    IdentityId owner = operation.owner();
    return new OperationViews.Operation(
        stored.id().value(),
        stored.plan().value(),
        stored.sequence(),
        stored.state().name(),
        operation.kind().name(),
        operation.target().value(),
        operation.username(),
        owner == null ? null : owner.value(),
        owner == null ? null : names.get(owner),
        operation.describe(),
        operation.reason().chain(),
        stored.attempts(),
        stored.lastError(),
        queued == null ? null : text(queued.nextAttemptAt()),
        queued == null ? null : queued.claimedBy(),
        queued == null ? null : text(queued.updatedAt()));
  }

  /** The owners of these operations. */
  public static Set<IdentityId> owners(Collection<StoredOperation> operations) {
    Set<IdentityId> owners = new LinkedHashSet<>();
    operations.forEach(stored -> stored.operation().ownerId().ifPresent(owners::add));
    return owners;
  }

  /** A held plan. */
  public static PlanViews.Hold hold(PlanHold hold) {
    return new PlanViews.Hold(
        hold.plan().value(),
        hold.createdAt().toString(),
        hold.actor(),
        hold.trigger(),
        hold.status().name(),
        hold.heldAt().toString(),
        hold.heldOperations(),
        hold.reason(),
        hold.decidedBy(),
        text(hold.decidedAt()),
        hold.decisionReason());
  }

  /** A finding, its owner named when {@code names} knows them. */
  public static FindingViews.Finding finding(Finding finding, Map<IdentityId, String> names) {
    IdentityId owner = finding.owner();
    return new FindingViews.Finding(
        finding.target().value(),
        finding.username(),
        finding.situation().name(),
        owner == null ? null : owner.value(),
        owner == null ? null : names.get(owner),
        finding.ownerState() == null ? null : finding.ownerState().name(),
        finding.accountEnabled(),
        finding.action().name(),
        finding.foundAt().toString(),
        finding.detail(),
        finding.differences());
  }

  /** An audit event, a person's id in its subject named when {@code names} knows them. */
  public static AuditViews.Event event(AuditRecord record, Map<IdentityId, String> names) {
    var event = record.event();
    String subject = event.subject();
    String subjectName = subject;
    if (subject.startsWith(PERSON_SUBJECT)) {
      String name = names.get(new IdentityId(subject.substring(PERSON_SUBJECT.length())));
      subjectName = name == null ? "a person" : name;
    }
    return new AuditViews.Event(
        record.sequence(),
        event.at().toString(),
        event.actor(),
        event.action(),
        subject,
        subjectName,
        event.reason(),
        event.outcome(),
        event.details());
  }

  /** A person in a search result. */
  public static PersonViews.Summary summary(Identity identity) {
    return new PersonViews.Summary(
        identity.id().value(),
        Principals.displayName(identity),
        identity.attribute(Principals.EMPLOYEE_ID).orElse(null),
        identity.attribute("email").orElse(null),
        identity.state().name(),
        identity.usernames());
  }

  /**
   * Everything about a person: accounts on every configured target (and any other target Tenure
   * knows an account of theirs on), each entitlement held or granted with its reason.
   */
  public static PersonViews.Detail person(
      PersonDetail detail, List<TargetId> targets, Map<IdentityId, String> names) {
    Identity identity = detail.identity();
    List<PersonViews.Grant> roles = new ArrayList<>();
    detail
        .access()
        .access()
        .roles()
        .forEach((role, reason) -> roles.add(new PersonViews.Grant(role.value(), reason.chain())));
    Set<TargetId> allTargets = new TreeSet<>(targets);
    detail.accounts().forEach(account -> allTargets.add(account.target()));
    List<PersonViews.Account> accounts = new ArrayList<>();
    for (TargetId target : allTargets) {
      List<KnownAccount> held =
          detail.accounts().stream().filter(account -> account.target().equals(target)).toList();
      Map<String, Reason> granted = detail.access().access().entitlementsOn(target);
      if (held.isEmpty()) {
        accounts.add(account(target, identity.usernames().get(target.value()), null, granted));
      } else {
        held.forEach(
            account -> accounts.add(account(target, account.username(), account, granted)));
      }
    }
    return new PersonViews.Detail(
        identity.id().value(),
        detail.displayName(),
        detail.managerName(),
        identity.state().name(),
        identity.employment().status().name(),
        identity.employment().startDate() == null
            ? null
            : identity.employment().startDate().toString(),
        identity.employment().endDate() == null ? null : identity.employment().endDate().toString(),
        identity.attributes(),
        detail.access().presence().presence().name(),
        detail.access().presence().reason().chain(),
        roles,
        accounts,
        detail.pendingOperations().stream().map(stored -> operation(stored, null, names)).toList(),
        detail.history().stream().map(record -> event(record, names)).toList());
  }

  private static PersonViews.Account account(
      TargetId target,
      @Nullable String username,
      @Nullable KnownAccount account,
      Map<String, Reason> granted) {
    Set<String> names = new TreeSet<>(granted.keySet());
    if (account != null) {
      names.addAll(account.entitlements());
    }
    List<PersonViews.Entitlement> entitlements = new ArrayList<>();
    for (String name : names) {
      Reason reason = granted.get(name);
      entitlements.add(
          new PersonViews.Entitlement(
              name,
              account != null && account.entitlements().contains(name),
              reason != null,
              reason == null ? List.of() : reason.chain()));
    }
    String state = account == null ? "NONE" : account.enabled() ? "ENABLED" : "DISABLED";
    return new PersonViews.Account(
        target.value(),
        username,
        state,
        account == null ? null : text(account.disabledAt()),
        entitlements);
  }

  /** A user, without its password. */
  public static AccessControlViews.User user(LocalUser user) {
    return new AccessControlViews.User(
        user.username(),
        user.displayName(),
        user.roles().stream().map(AccessRole::label).toList(),
        user.person() == null ? null : user.person().value(),
        user.createdAt().toString(),
        text(user.disabledAt()));
  }

  /** A token, without its secret. */
  public static AccessControlViews.Token token(ApiToken token) {
    return new AccessControlViews.Token(
        token.id(),
        token.name(),
        token.scope().label(),
        token.user(),
        token.createdAt().toString(),
        text(token.revokedAt()));
  }

  private static @Nullable String text(@Nullable Instant instant) {
    return instant == null ? null : instant.toString();
  }
}
