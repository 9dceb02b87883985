package io.tenure.store;

import io.tenure.engine.audit.AuditEvent;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The inbox columns of many audit events as one array each (time, actor, action, subject, reason,
 * outcome, details, and the canonical form but the sequence), for an insert of them all in one
 * statement. Each event is serialised once ({@link AuditRecordForm#canonicalEvent}): its details
 * column is the details of its canonical form.
 */
final class AuditEventColumns {

  private final AuditRecordForm form;
  private final String[] times;
  private final String[] actors;
  private final String[] actions;
  private final String[] subjects;
  private final String[] reasons;
  private final String[] outcomes;
  private final String[] details;
  private final String[] canonicals;

  AuditEventColumns(AuditRecordForm form, int size) {
    this.form = form;
    times = new String[size];
    actors = new String[size];
    actions = new String[size];
    subjects = new String[size];
    reasons = new String[size];
    outcomes = new String[size];
    details = new String[size];
    canonicals = new String[size];
  }

  void set(int index, AuditEvent event) {
    AuditRecordForm.CanonicalEvent canonical = form.canonicalEvent(event);
    times[index] = String.valueOf(Timestamps.bind(event.at()));
    actors[index] = event.actor();
    actions[index] = event.action();
    subjects[index] = event.subject();
    reasons[index] = event.reason();
    outcomes[index] = event.outcome();
    details[index] = canonical.details();
    canonicals[index] = canonical.fields();
  }

  /** Binds the eight arrays, in that order, as the statement's next parameters. */
  JdbcClient.StatementSpec bind(JdbcClient.StatementSpec statement) {
    return statement
        .param(times)
        .param(actors)
        .param(actions)
        .param(subjects)
        .param(reasons)
        .param(outcomes)
        .param(details)
        .param(canonicals);
  }
}
