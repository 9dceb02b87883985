package io.tenure.governance.request;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenure.core.source.AttributeAuthority;
import io.tenure.engine.configuration.LifecycleSettings;
import io.tenure.engine.configuration.NotificationSettings;
import io.tenure.engine.ingest.IdentityImporter;
import io.tenure.engine.store.Transactions;
import io.tenure.engine.testing.InMemoryAuditLog;
import io.tenure.engine.testing.InMemoryIdentityRepository;
import io.tenure.engine.testing.MutableClock;
import io.tenure.engine.testing.SequentialIds;
import io.tenure.engine.testing.Sources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LifecycleWebhooksTest {

  @TempDir Path folder;

  private final MutableClock clock = MutableClock.on(LocalDate.of(2026, 3, 2));
  private final TrackingTransactions transactions = new TrackingTransactions();
  private final InMemoryOutbox outbox = new InMemoryOutbox(transactions);
  private final NotificationSettings settings =
      new NotificationSettings(
          null,
          "email",
          List.of(
              new NotificationSettings.Webhook("all", "http://all", "s1", Set.of()),
              new NotificationSettings.Webhook("leavers", "http://leavers", "s2", Set.of("leaver")),
              new NotificationSettings.Webhook(
                  "requests", "http://requests", "s3", Set.of("request.decided"))));
  private final IdentityImporter importer =
      new IdentityImporter(
              new InMemoryIdentityRepository(),
              new InMemoryAuditLog(),
              transactions,
              new SequentialIds(),
              clock,
              LifecycleSettings.defaults(),
              AttributeAuthority.inOrder(List.of("hr")))
          .withListener(new LifecycleWebhooks(settings, outbox));

  @Test
  void joinersMoversAndLeaversAreWrittenToTheOutboxOfEachWebhookThatWantsThemInTheImport()
      throws IOException {
    run(
        "E1,Alice,Archer,alice@example.com,Engineering,active,2024-01-01,\n"
            + "E2,Bob,Baker,bob@example.com,Sales,active,2024-01-01,\n");
    assertThat(outbox.added).extracting(Added::webhook).containsExactly("all", "all");
    assertThat(outbox.added).extracting(Added::event).containsExactly("joiner", "joiner");
    assertThat(outbox.added.get(0).body())
        .startsWith("{\"event\":\"joiner\",\"at\":\"2026-03-02T")
        .contains(
            "\"identity\":{\"id\":\"",
            "\"employeeId\":\"E1\",\"name\":\"Alice Archer\"}",
            "\"change\":{\"state\":\"ACTIVE\",\"startDate\":\"2024-01-01\"}");
    assertThat(outbox.added).allMatch(Added::inTransaction);

    outbox.added.clear();
    clock.advance(java.time.Duration.ofDays(1));
    run(
        "E1,Alice,Archer,alice@example.com,Sales,active,2024-01-01,\n"
            + "E2,Bob,Baker,bob@example.com,Sales,terminated,2024-01-01,2026-03-02\n");
    assertThat(outbox.added)
        .extracting(added -> added.webhook() + " " + added.event())
        .containsExactly("all mover", "all leaver", "leavers leaver");
    assertThat(outbox.added.get(0).body())
        .startsWith("{\"event\":\"mover\",\"at\":\"2026-03-03T")
        .contains(
            "\"text\":\"mover: department Engineering -> Sales\"",
            "\"employeeId\":\"E1\"",
            "\"change\":{\"attributes\":[{\"attribute\":\"department\",\"from\":\"Engineering\","
                + "\"to\":\"Sales\"}]}");
    assertThat(outbox.added.get(1).body())
        .startsWith("{\"event\":\"leaver\"")
        .contains(
            "\"employeeId\":\"E2\",\"name\":\"Bob Baker\"",
            "\"change\":{\"state\":\"TERMINATED\",\"effectiveDate\":\"2026-03-02\"}")
        .isEqualTo(outbox.added.get(2).body());
    assertThat(outbox.added).allMatch(Added::inTransaction);

    outbox.added.clear();
    run(
        "E1,Alice,Archer,alice@example.com,Sales,active,2024-01-01,\n"
            + "E2,Bob,Baker,bob@example.com,Sales,terminated,2024-01-01,2026-03-02\n");
    assertThat(outbox.added).as("nothing changed: nothing to tell").isEmpty();
  }

  private void run(String rows) throws IOException {
    Path file = folder.resolve("people.csv");
    Files.writeString(file, Sources.HEADER + rows);
    importer.importSource(Sources.hr(file));
  }

  private record Added(String webhook, String event, String body, boolean inTransaction) {}

  /** Runs work directly and knows whether a transaction is open. */
  private static final class TrackingTransactions implements Transactions {
    private int depth;

    @Override
    public <T> T inTransaction(Supplier<T> work) {
      depth++;
      try {
        return work.get();
      } finally {
        depth--;
      }
    }

    @Override
    public <T> T inRolledBackTransaction(Supplier<T> work) {
      return inTransaction(work);
    }
  }

  /** Records what is added, and whether it was added in a transaction. */
  private static final class InMemoryOutbox implements WebhookOutbox {
    private final TrackingTransactions transactions;
    private final List<Added> added = new ArrayList<>();

    InMemoryOutbox(TrackingTransactions transactions) {
      this.transactions = transactions;
    }

    @Override
    public long add(String webhook, String event, String body, Instant now) {
      added.add(new Added(webhook, event, body, transactions.depth > 0));
      return added.size();
    }

    @Override
    public List<Delivery> due(Instant now, int limit) {
      return List.of();
    }

    @Override
    public void delivered(long id, Instant at) {}

    @Override
    public void failed(long id, String error, Instant at, @Nullable Instant next) {}

    @Override
    public List<Delivery> inState(String state, int limit) {
      return List.of();
    }
  }
}
