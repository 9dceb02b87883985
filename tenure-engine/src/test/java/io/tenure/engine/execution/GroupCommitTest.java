package io.tenure.engine.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tenure.engine.audit.AuditEvent;
import io.tenure.engine.audit.AuditLog;
import io.tenure.engine.audit.AuditRecord;
import io.tenure.engine.audit.AuditVerification;
import io.tenure.engine.store.Transactions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The queue workers' group commit over a store that keeps a transaction's writes only when it
 * commits: recordings submitted while a group is written are written together in one transaction,
 * each caller gets its own result, and one recording's failure rolls back its group but costs the
 * others nothing (they are written again, alone).
 */
class GroupCommitTest {

  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final RollbackStore store = new RollbackStore();

  @AfterEach
  void stop() {
    threads.shutdownNow();
  }

  @Test
  void recordingsSubmittedWhileAGroupIsWrittenAreWrittenTogetherInOneTransaction()
      throws Exception {
    GroupCommit commit = new GroupCommit(store, store.audit, 64, 1);
    CountDownLatch othersQueued = new CountDownLatch(1);
    Future<String> first = writingUntil(commit, othersQueued);
    List<Future<String>> others = new ArrayList<>();
    for (int index = 1; index <= 5; index++) {
      String name = "op-" + index;
      others.add(threads.submit(() -> commit.record(events -> store.write(name, events))));
    }
    awaitQueued(commit, 5);
    othersQueued.countDown();

    assertThat(first.get(30, TimeUnit.SECONDS)).isEqualTo("op-0 written");
    for (int index = 1; index <= 5; index++) {
      assertThat(others.get(index - 1).get(30, TimeUnit.SECONDS))
          .isEqualTo("op-" + index + " written");
    }
    assertThat(store.commits()).as("one commit for the first, one for the five").isEqualTo(2);
    assertThat(commit.groups()).isEqualTo(2);
    assertThat(store.committed())
        .containsExactlyInAnyOrder("op-0", "op-1", "op-2", "op-3", "op-4", "op-5");
    assertThat(store.audit.batches())
        .as("each group's events appended as one batch, in the group's order")
        .hasSize(2);
    assertThat(store.audit.batches().get(1)).hasSize(5);
  }

  @Test
  void aRecordingThatFailsCostsTheOthersOfItsGroupNothingAndItsCallerGetsTheFailure()
      throws Exception {
    GroupCommit commit = new GroupCommit(store, store.audit, 64, 1);
    CountDownLatch othersQueued = new CountDownLatch(1);
    Future<String> first = writingUntil(commit, othersQueued);
    Future<String> before = threads.submit(() -> commit.record(e -> store.write("op-1", e)));
    awaitQueued(commit, 1);
    Future<String> failing =
        threads.submit(
            () ->
                commit.record(
                    events -> {
                      store.write("op-2", events);
                      throw new IllegalStateException("the store refused op-2");
                    }));
    awaitQueued(commit, 2);
    Future<String> after = threads.submit(() -> commit.record(e -> store.write("op-3", e)));
    awaitQueued(commit, 3);
    othersQueued.countDown();

    assertThat(first.get(30, TimeUnit.SECONDS)).isEqualTo("op-0 written");
    assertThat(before.get(30, TimeUnit.SECONDS)).isEqualTo("op-1 written");
    assertThat(after.get(30, TimeUnit.SECONDS)).isEqualTo("op-3 written");
    assertThatThrownBy(() -> failing.get(30, TimeUnit.SECONDS))
        .hasCauseInstanceOf(IllegalStateException.class)
        .hasRootCauseMessage("the store refused op-2");
    assertThat(store.committed())
        .as("nothing of the failed recording, each other one exactly once")
        .containsExactlyInAnyOrder("op-0", "op-1", "op-3");
    assertThat(store.audit.events())
        .extracting(AuditEvent::subject)
        .containsExactlyInAnyOrder("op-0", "op-1", "op-3");
  }

  @Test
  void aLoneRecordingIsWrittenAtOnceInItsOwnTransaction() {
    GroupCommit commit = new GroupCommit(store, store.audit, 64, 2);
    String written = commit.record(events -> store.write("alone", events));
    assertThat(written).isEqualTo("alone written");
    assertThat(store.commits()).isEqualTo(1);
    assertThat(store.committed()).containsExactly("alone");
  }

  /**
   * Waits until {@code count} recordings wait for the writer (the group being written excluded).
   */
  /**
   * Records "op-0" on another thread and returns once its group is being written; the writing waits
   * until {@code release} opens, so that recordings submitted meanwhile queue behind it.
   */
  private Future<String> writingUntil(GroupCommit commit, CountDownLatch release)
      throws InterruptedException {
    CountDownLatch writing = new CountDownLatch(1);
    Future<String> first =
        threads.submit(
            () ->
                commit.record(
                    events -> {
                      writing.countDown();
                      await(release);
                      return store.write("op-0", events);
                    }));
    assertThat(writing.await(30, TimeUnit.SECONDS)).isTrue();
    return first;
  }

  private static void awaitQueued(GroupCommit commit, int count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (commit.waiting() < count) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "only " + commit.waiting() + " recordings queued, expected " + count);
      }
      Thread.sleep(5);
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(30, TimeUnit.SECONDS)) {
        throw new AssertionError("timed out");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /**
   * A store whose writes, and the audit events appended, are kept only when their transaction
   * commits (one transaction at a time, as a group commit with one writer runs them).
   */
  private static final class RollbackStore implements Transactions {
    private final List<String> committed = new ArrayList<>();
    private final BatchAudit audit = new BatchAudit(this);
    private @Nullable List<String> current;
    private @Nullable List<List<AuditEvent>> currentEvents;
    private int commits;

    @Override
    public synchronized <T> T inTransaction(Supplier<T> work) {
      current = new ArrayList<>();
      currentEvents = new ArrayList<>();
      try {
        T result = work.get();
        committed.addAll(current);
        audit.commit(currentEvents);
        commits++;
        return result;
      } finally {
        current = null;
        currentEvents = null;
      }
    }

    @Override
    public <T> T inRolledBackTransaction(Supplier<T> work) {
      throw new UnsupportedOperationException();
    }

    synchronized String write(String name, List<AuditEvent> events) {
      if (current == null) {
        throw new IllegalStateException("written outside a transaction");
      }
      current.add(name);
      events.add(
          new AuditEvent(Instant.EPOCH, "test", "operation.succeeded", name, "r", "ok", Map.of()));
      return name + " written";
    }

    synchronized void appendInTransaction(List<AuditEvent> events) {
      if (currentEvents == null) {
        throw new IllegalStateException("appended outside a transaction");
      }
      currentEvents.add(List.copyOf(events));
    }

    synchronized List<String> committed() {
      return List.copyOf(committed);
    }

    synchronized int commits() {
      return commits;
    }
  }

  /** Audit events kept per committed batch. */
  private static final class BatchAudit implements AuditLog {
    private final RollbackStore store;
    private final List<List<AuditEvent>> batches = new ArrayList<>();

    BatchAudit(RollbackStore store) {
      this.store = store;
    }

    @Override
    public void append(AuditEvent event) {
      appendAll(List.of(event));
    }

    @Override
    public void appendAll(List<AuditEvent> events) {
      store.appendInTransaction(events);
    }

    synchronized void commit(List<List<AuditEvent>> appended) {
      batches.addAll(appended);
    }

    synchronized List<List<AuditEvent>> batches() {
      return List.copyOf(batches);
    }

    synchronized List<AuditEvent> events() {
      return batches.stream().flatMap(List::stream).toList();
    }

    @Override
    public List<AuditRecord> recent(@Nullable String subjectContains, int limit) {
      throw new UnsupportedOperationException();
    }

    @Override
    public AuditVerification verify() {
      throw new UnsupportedOperationException();
    }

    @Override
    public void pseudonymise(Map<Long, AuditEvent> replacements, AuditEvent record) {
      throw new UnsupportedOperationException();
    }
  }
}
