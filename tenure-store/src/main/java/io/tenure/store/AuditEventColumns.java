package io.tenure.store;

import io.tenure.engine.audit.AuditEvent;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The columns of many audit events as one array each (time, actor, action, subject, reason,
 * outcome, details), for an insert of them all in one statement.
 */
final class AuditEventColumns {

  private final Json json;
  private final String[] times;
  private final String[] actors;
  private final String[] actions;
  private final String[] subjects;
  private final String[] reasons;
  private final String[] outcomes;
  private final String[] details;

  AuditEventColumns(Json json, int size) {
    this.json = json;
    times = new String[size];
    actors = new String[size];
    actions = new String[size];
    subjects = new String[size];
    reasons = new String[size];
    outcomes = new String[size];
    details = new String[size];
  }

  void set(int index, AuditEvent event) {
    times[index] = String.valueOf(Timestamps.bind(event.at()));
    actors[index] = event.actor();
    actions[index] = event.action();
    subjects[index] = event.subject();
    reasons[index] = event.reason();
    outcomes[index] = event.outcome();
    details[index] = json.write(event.details());
  }

  /** Binds the seven arrays, in that order, as the statement's next parameters. */
  JdbcClient.StatementSpec bind(JdbcClient.StatementSpec statement) {
    return statement
        .param(times)
        .param(actors)
        .param(actions)
        .param(subjects)
        .param(reasons)
        .param(outcomes)
        .param(details);
  }
}
