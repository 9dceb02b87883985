package io.tenure.store;

import io.tenure.governance.request.WebhookOutbox;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The webhook outbox in {@code webhook_deliveries}. */
public final class JdbcWebhookOutbox implements WebhookOutbox {

  private static final String COLUMNS =
      "id, webhook, event, body, state, attempts, next_attempt, last_error";

  private final JdbcClient client;

  public JdbcWebhookOutbox(DataSource dataSource) {
    this.client = JdbcClient.create(dataSource);
  }

  @Override
  public long add(String webhook, String event, String body, Instant now) {
    return client
        .sql(
            "insert into webhook_deliveries (webhook, event, body, next_attempt, created_at)"
                + " values (?, ?, ?, ?, ?) returning id")
        .param(webhook)
        .param(event)
        .param(body)
        .param(Timestamps.bind(now))
        .param(Timestamps.bind(now))
        .query(Long.class)
        .single();
  }

  @Override
  public List<Delivery> due(Instant now, int limit) {
    return client
        .sql(
            "select "
                + COLUMNS
                + " from webhook_deliveries where state = 'PENDING' and next_attempt <= ?"
                + " order by next_attempt, id limit ?")
        .param(Timestamps.bind(now))
        .param(limit)
        .query((row, number) -> map(row))
        .list();
  }

  @Override
  public void delivered(long id, Instant at) {
    client
        .sql(
            "update webhook_deliveries set state = 'DELIVERED', attempts = attempts + 1,"
                + " delivered_at = ? where id = ?")
        .param(Timestamps.bind(at))
        .param(id)
        .update();
  }

  @Override
  public void failed(long id, String error, Instant at, @Nullable Instant next) {
    client
        .sql(
            "update webhook_deliveries set attempts = attempts + 1, last_error = ?,"
                + " state = ?, next_attempt = ? where id = ?")
        .param(error)
        .param(next == null ? "PARKED" : "PENDING")
        .param(Timestamps.bind(next == null ? at : next))
        .param(id)
        .update();
  }

  @Override
  public List<Delivery> inState(String state, int limit) {
    return client
        .sql(
            "select "
                + COLUMNS
                + " from webhook_deliveries where state = ? order by id desc limit ?")
        .param(state)
        .param(limit)
        .query((row, number) -> map(row))
        .list();
  }

  private static Delivery map(ResultSet row) throws SQLException {
    return new Delivery(
        row.getLong("id"),
        row.getString("webhook"),
        row.getString("event"),
        row.getString("body"),
        row.getString("state"),
        row.getInt("attempts"),
        Timestamps.readRequired(row, "next_attempt"),
        row.getString("last_error"));
  }
}
