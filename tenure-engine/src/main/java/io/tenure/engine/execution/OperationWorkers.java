package io.tenure.engine.execution;

import io.tenure.connector.spi.ConnectorException;
import io.tenure.core.account.TargetId;
import io.tenure.engine.configuration.TargetThrottle;
import io.tenure.engine.connector.ConnectorRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * The durable queue's workers in one process: a dispatcher claims ready operations ({@link
 * OperationQueue#claim}) as far as each target's {@link TargetThrottle#concurrency()} allows, a
 * small thread pool runs them through the {@link OperationRunner} (paced by the target's {@link
 * TargetThrottle#rateLimit()}), and each is released with its next state: succeeded, failed and due
 * again after a {@link RetryPolicy} backoff, or parked (permanent error, attempts used up, or
 * failing for longer than the policy's {@code maxAge}).
 *
 * <p>Several processes may run workers on one store: claims never overlap, a target's {@link
 * TargetThrottle#concurrency()} holds across all of them (the claim counts what runs anywhere), and
 * a crashed worker's claims expire after the {@link QueueSettings#lease()}. While operations run, a
 * heartbeat renews their leases every {@link QueueSettings#heartbeatInterval()}; a worker that lost
 * a claim anyway (a stalled heartbeat) records nothing over the result of the worker that took the
 * operation ({@link Claim}). Operations are idempotent ({@link OperationRunner}), so one whose
 * outcome was lost in a crash is simply run again. The rate limit holds per process.
 *
 * <p>When a round claims several operations of a target whose connector has the {@link
 * io.tenure.connector.spi.BatchCapability}, they run as batches ({@link OperationBatches}), each
 * batch one task paced as one request; a batch's outcomes are recorded together, in one recording
 * (one settle of every claim, the known accounts saved in one step, one audit batch), every
 * operation still with its own outcome and its own claim check. For such a target {@link
 * TargetThrottle#concurrency()} counts calls, not operations: up to that many batches of at most
 * {@link io.tenure.connector.spi.BatchCapability#maxBatchSize()} operations run at once (a round
 * claims up to their product), so that an initial load reaches the connector in batches as large as
 * it takes. When the connector takes more grants of one entitlement in a batch than its batch size
 * ({@link io.tenure.connector.spi.BatchCapability#maxGrantsOfOneEntitlement()}) and a round claims
 * more than one grant of an entitlement, the round also claims the target's other ready grants of
 * it ({@link GrantGathering}) and sends them as one batch of their own, so that a directory creates
 * a new group with all its first members in one add; such a batch counts its operations against the
 * target's slots, so the next grants of the same accounts are claimed together once it is done, and
 * its outcomes are recorded in parts, several at once.
 *
 * <p><b>A target's outage costs nothing.</b> Each target has a circuit breaker in this process. An
 * operation that fails with {@link io.tenure.connector.spi.ErrorKind#CONNECTION} or {@link
 * io.tenure.connector.spi.ErrorKind#TIMEOUT} makes the worker probe its target ({@link
 * io.tenure.connector.spi.TestCapability#test()}, else a read of one account); when the probe fails
 * with a connection failure too, the target is out: its breaker opens (one {@code target.outage}
 * audit event), no operation of it is claimed, and the operation that hit the outage (like any
 * operation of it still claimed) is handed back without an attempt: no attempt recorded or counted,
 * no {@code operation.failed} event, due again at once. The target is then probed, first after
 * {@link OutageSettings#probeDelay()}, then twice as long each time up to {@link
 * OutageSettings#maxProbeDelay()}; when it answers, the breaker closes (one {@code
 * target.recovered} event with the outage's duration and how many operations waited) and its
 * operations run again. Other targets keep working meanwhile. When the probe finds the target
 * answering, the failure was the operation's own and counts as any retryable failure; {@link
 * io.tenure.connector.spi.ErrorKind#BUSY} (throttling) always does. A connector that can neither
 * test nor search has no breaker.
 *
 * <p>Breakers live in memory, one set per process: every process that works a target finds out
 * about its outage by itself and writes its own pair of events (naming its worker). Nothing is lost
 * when a process dies: an operation handed back is stored as it was, unclaimed, so another process
 * (or this one after a restart) runs it. {@link #health()} shows the breakers.
 */
public final class OperationWorkers {

  private static final System.Logger LOG = System.getLogger(OperationWorkers.class.getName());

  private final OperationQueue queue;
  private final OperationRunner runner;
  private final QueueSettings settings;
  private final Map<TargetId, TargetThrottle> throttles;
  private final Clock clock;
  private final RandomGenerator random;
  private final String worker;
  private final String actor;
  private final AttemptListener listener;
  private final Map<TargetId, AtomicInteger> running = new ConcurrentHashMap<>();
  private final Map<OperationId, StoredOperation> claims = new ConcurrentHashMap<>();
  private final GrantGathering gathering;
  private final java.util.concurrent.atomic.AtomicInteger lostClaims =
      new java.util.concurrent.atomic.AtomicInteger();
  private final Map<TargetId, Pacer> pacers = new ConcurrentHashMap<>();
  private final Map<PlanId, String> requesters = new ConcurrentHashMap<>();
  private final Set<TargetId> dispatched = ConcurrentHashMap.newKeySet();
  private final TargetBreakers breakers;
  private final Object signal = new Object();
  private int signals;

  /**
   * @param throttles per target; targets not in it get {@link TargetThrottle#defaults()}
   * @param random for the backoff jitter (seeded in tests)
   * @param worker this process's unique worker name, recorded with its claims
   * @param actor recorded in the audit events of the operations it runs when their plan's requester
   *     cannot be read
   */
  public OperationWorkers(
      OperationQueue queue,
      OperationRunner runner,
      QueueSettings settings,
      Map<TargetId, TargetThrottle> throttles,
      Clock clock,
      RandomGenerator random,
      String worker,
      String actor,
      AttemptListener listener) {
    this.queue = queue;
    this.runner = runner;
    this.settings = settings;
    this.throttles = Map.copyOf(throttles);
    this.clock = clock;
    this.random = random;
    this.worker = worker;
    this.actor = actor;
    this.listener = listener;
    this.breakers =
        new TargetBreakers(queue, runner, settings.outage(), clock, worker, actor, this::wake);
    this.gathering = new GrantGathering(queue, worker, settings.lease(), claims);
  }

  public String worker() {
    return worker;
  }

  /**
   * One dispatch round: for every target of the registry, claims as many ready operations as it has
   * free slots and hands each to the executor; a target that is out gets no claim, but its probe
   * when one is due. Returns how many operations were claimed.
   */
  public int dispatch(ConnectorRegistry connectors, Executor executor) {
    int total = 0;
    for (TargetId target : connectors.targets()) {
      dispatched.add(target);
      if (breakers.paused(target)) {
        breakers.probeIfDue(target, connectors, executor);
        continue;
      }
      TargetThrottle throttle = throttle(target);
      AtomicInteger busy = running.computeIfAbsent(target, ignored -> new AtomicInteger());
      // a target whose connector batches runs up to `concurrency` calls at once, each a batch
      int perCall = OperationBatches.batchSize(connectors, target);
      int slots = Math.multiplyExact(throttle.concurrency(), perCall);
      int free = slots - busy.get();
      if (free <= 0) {
        continue;
      }
      Instant now = clock.instant();
      List<StoredOperation> claimed;
      try {
        claimed = queue.claim(target, free, slots, worker, now, now.plus(settings.lease()));
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "could not claim operations of " + target, e);
        continue;
      }
      List<StoredOperation> fresh = new ArrayList<>();
      for (StoredOperation operation : claimed) {
        // already running here when its lease had expired: the claim was only renewed
        if (claims.putIfAbsent(operation.id(), operation) == null) {
          fresh.add(operation);
        }
      }
      int perEntitlement = OperationBatches.grantsOfOneEntitlement(connectors, target);
      if (perEntitlement > perCall) {
        gathering.gather(target, fresh, perEntitlement, now);
      }
      List<List<StoredOperation>> groups = OperationBatches.groups(fresh, perCall, perEntitlement);
      for (int index = 0; index < groups.size(); index++) {
        List<StoredOperation> group = groups.get(index);
        busy.addAndGet(group.size());
        total += group.size();
        try {
          executor.execute(
              () -> {
                try {
                  if (breakers.paused(target)) {
                    // out since the claim: every operation is handed back, none is sent
                    group.forEach(operation -> process(operation, connectors));
                    return;
                  }
                  pace(target, throttle);
                  if (group.size() == 1) {
                    process(group.get(0), connectors);
                  } else {
                    OperationBatches.run(
                        group,
                        connectors,
                        runner,
                        new OperationBatches.Recorder() {
                          @Override
                          public void record(
                              StoredOperation operation, @Nullable BatchAnswer answer) {
                            process(operation, connectors, answer);
                          }

                          @Override
                          public void recordAll(BatchAnswers answers) {
                            recordInParts(answers, connectors, executor);
                          }
                        });
                  }
                } finally {
                  release(group, busy);
                }
              });
        } catch (RuntimeException e) {
          release(group, busy);
          groups.subList(index + 1, groups.size()).stream()
              .flatMap(List::stream)
              .forEach(operation -> claims.remove(operation.id()));
          throw e;
        }
      }
    }
    return total;
  }

  private void release(List<StoredOperation> group, AtomicInteger busy) {
    // the slot first, the claims after: whoever sees no claims sees no operation running either
    busy.addAndGet(-group.size());
    group.forEach(operation -> claims.remove(operation.id()));
    wake();
  }

  /**
   * Runs one claimed operation once; its outcome is recorded and the claim released with the next
   * state in one transaction, only while this worker still holds the claim. Never throws: when the
   * store fails, the claim is left to expire and the operation runs again later; when the claim was
   * lost (another worker took the operation after the lease expired), the attempt is recorded as
   * lost and the other worker's result stands. When its target is out, the operation is handed back
   * unrun (or, if the outage shows in its own failure, unrecorded) and the listener is not told:
   * that was no attempt.
   */
  public void process(StoredOperation operation, ConnectorRegistry connectors) {
    process(operation, connectors, null);
  }

  /** As {@link #process(StoredOperation, ConnectorRegistry)}, with its main call's batch result. */
  private void process(
      StoredOperation operation, ConnectorRegistry connectors, @Nullable BatchAnswer answer) {
    Instant started = clock.instant();
    TargetId target = operation.operation().target();
    WorkerClaim claim = new WorkerClaim(operation, connectors);
    try {
      if (breakers.deferIfPaused(target)) {
        runner.postpone(operation, claim, null, null);
        return;
      }
      OperationOutcome outcome =
          runner.runGrouped(operation, connectors, requester(operation.plan()), claim, answer);
      if (claim.postponed) {
        return;
      }
      listener.attempted(
          operation,
          outcome,
          claim.next == null ? outcome.state() : claim.next,
          Duration.between(started, clock.instant()).abs());
    } catch (ClaimLostException e) {
      LOG.log(System.Logger.Level.WARNING, e.getMessage());
    } catch (RuntimeException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "operation " + operation.id() + " could not be run or recorded; it runs again later",
          e);
    }
  }

  /**
   * {@link #processAll} in parts of at most {@link OperationBatches#RECORDING_SIZE} operations (a
   * batch of gathered grants may hold a hundred times more than a recording should), several parts
   * at once: this thread takes parts one after the other and helper tasks on the executor take the
   * others; a helper that starts when none is left does nothing, so this thread never waits for a
   * task that has not started.
   */
  private void recordInParts(
      BatchAnswers answers, ConnectorRegistry connectors, Executor executor) {
    List<StoredOperation> operations = answers.operations();
    int size = OperationBatches.RECORDING_SIZE;
    int parts = (operations.size() + size - 1) / size;
    IntConsumer recordPart =
        part -> {
          int start = part * size;
          int end = Math.min(operations.size(), start + size);
          List<BatchAnswer> answered;
          try {
            answered = answers.part(start, end);
          } catch (RuntimeException e) {
            // as when a recording fails: the claims expire and the operations run again later
            LOG.log(
                System.Logger.Level.WARNING,
                "the known accounts of "
                    + (end - start)
                    + " batched operations could not be read to record them; they run again"
                    + " later",
                e);
            return;
          }
          processAll(operations.subList(start, end), answered, connectors);
        };
    if (parts <= 1) {
      recordPart.accept(0);
      return;
    }
    ParallelParts.run(parts, settings.workers() - 1, executor, recordPart);
  }

  /**
   * Runs the operations of one batch (their main calls made, {@code answers} in the same order) as
   * {@link #process} runs each, and records their outcomes together in one recording ({@link
   * OperationRunner#recordAll}): every claim still checked on its own, each operation with its own
   * outcome; when that recording fails, each is recorded alone. Never throws.
   */
  private void processAll(
      List<StoredOperation> operations, List<BatchAnswer> answers, ConnectorRegistry connectors) {
    Instant started = clock.instant();
    List<OperationRunner.Attempted> attempts = new ArrayList<>();
    for (int index = 0; index < operations.size(); index++) {
      StoredOperation operation = operations.get(index);
      WorkerClaim claim = new WorkerClaim(operation, connectors);
      try {
        if (breakers.deferIfPaused(operation.operation().target())) {
          runner.postpone(operation, claim, null, null);
          continue;
        }
        OperationRunner.Ran ran =
            runner.attempt(
                operation, connectors, requester(operation.plan()), claim, answers.get(index));
        if (ran.attempted() != null) {
          attempts.add(ran.attempted());
        }
      } catch (RuntimeException e) {
        LOG.log(
            System.Logger.Level.WARNING,
            "operation " + operation.id() + " could not be run or recorded; it runs again later",
            e);
      }
    }
    for (OperationRunner.Recorded recorded : runner.recordAll(attempts, queue)) {
      StoredOperation operation = recorded.attempted().stored();
      if (recorded.failure() != null) {
        LOG.log(
            System.Logger.Level.WARNING,
            "operation " + operation.id() + " could not be run or recorded; it runs again later",
            recorded.failure());
      } else if (recorded.outcome() == null) {
        LOG.log(System.Logger.Level.WARNING, new ClaimLostException(operation.id()).getMessage());
      } else {
        WorkerClaim claim = (WorkerClaim) recorded.attempted().claim();
        OperationOutcome outcome = recorded.outcome();
        listener.attempted(
            operation,
            outcome,
            claim.next == null ? outcome.state() : claim.next,
            Duration.between(started, clock.instant()).abs());
      }
    }
  }

  /**
   * The heartbeat: extends the leases of every operation this process has claimed and not released
   * yet, in one statement. Run every third of the lease while workers run ({@link #runUntil}).
   *
   * @return how many claims are still held
   */
  public int heartbeat() {
    Set<OperationId> mine = Set.copyOf(claims.keySet());
    if (mine.isEmpty()) {
      return 0;
    }
    Set<OperationId> held = queue.renew(mine, worker, clock.instant().plus(settings.lease()));
    for (OperationId id : mine) {
      if (!held.contains(id) && claims.containsKey(id) && takenByAnother(id)) {
        lostClaims.incrementAndGet();
        LOG.log(
            System.Logger.Level.WARNING,
            "lost the claim on operation "
                + id
                + " (its lease expired and another worker took it); this worker's outcome will"
                + " not be recorded");
      }
    }
    return held.size();
  }

  /**
   * Whether another worker holds the operation now. A claim this process released between taking
   * the heartbeat's snapshot and renewing is not lost: it is no one's (or its release is being
   * recorded), and nothing is said about it.
   */
  /** How many claims the heartbeat found taken by another worker (each also logged). */
  public int lostClaims() {
    return lostClaims.get();
  }

  private boolean takenByAnother(OperationId id) {
    return queue
        .find(id)
        .map(QueuedOperation::claimedBy)
        .filter(owner -> !owner.equals(worker))
        .isPresent();
  }

  /**
   * The claim of one running operation: released with the state the retry policy gives, or handed
   * back without an attempt when the target's breaker finds it out.
   */
  private final class WorkerClaim implements Claim {
    private final StoredOperation operation;
    private final ConnectorRegistry connectors;
    private @Nullable OperationState next;
    private volatile boolean postponed;

    WorkerClaim(StoredOperation operation, ConnectorRegistry connectors) {
      this.operation = operation;
      this.connectors = connectors;
    }

    @Override
    public boolean outage(ConnectorException failure) {
      TargetId target = operation.operation().target();
      try {
        postponed = breakers.confirm(target, failure, connectors.connector(target));
      } catch (RuntimeException e) {
        postponed = false;
      }
      return postponed;
    }

    @Override
    public void postpone() {
      postponed = true;
      queue.postpone(operation.id(), worker, operation.state(), clock.instant());
    }

    @Override
    public boolean held() {
      return queue.holds(operation.id(), worker);
    }

    @Override
    public @Nullable OperationState settle(
        OperationAttempt attempt,
        OperationOutcome outcome,
        java.util.function.Consumer<OperationAttempt> recorder) {
      Decision decision = decide(outcome);
      if (!queue.settle(
          operation.id(), worker, attempt, decision.state(), decision.due(), clock.instant())) {
        return null;
      }
      next = decision.state();
      return decision.state();
    }

    @Override
    public Settlement settlement(OperationAttempt attempt, OperationOutcome outcome) {
      Decision decision = decide(outcome);
      return new Settlement(operation.id(), worker, attempt, decision.state(), decision.due());
    }

    @Override
    public void settled(Settlement settlement) {
      next = settlement.state();
    }

    @Override
    public OperationState release(OperationOutcome outcome) {
      Decision decision = decide(outcome);
      queue.release(operation.id(), worker, decision.state(), decision.due(), clock.instant());
      next = decision.state();
      return decision.state();
    }

    /** The state after the outcome, with the retry policy's due time for a failed operation. */
    private Decision decide(OperationOutcome outcome) {
      OperationState state = outcome.state();
      Instant due = null;
      if (state == OperationState.FAILED) {
        Instant now = clock.instant();
        Duration failingFor =
            queue
                .firstAttemptAt(operation.id())
                .map(first -> Duration.between(first, now))
                .filter(age -> !age.isNegative())
                .orElse(Duration.ZERO);
        Optional<Duration> delay;
        synchronized (random) {
          delay = settings.retry().delayAfter(operation.attempts() + 1, failingFor, random);
        }
        if (delay.isPresent()) {
          due = clock.instant().plus(delay.get());
        } else {
          state = OperationState.PARKED;
        }
      }
      return new Decision(state, due);
    }

    @Override
    public void lost(OperationAttempt attempt) {
      queue.recordLostClaim(operation.id(), worker, attempt);
    }
  }

  /** A recorded attempt's next state, and when a failed operation is due again. */
  private record Decision(OperationState state, @Nullable Instant due) {}

  /**
   * Runs workers in a pool of {@link QueueSettings#workers()} threads until {@code done} says so
   * (asked whenever a round claims nothing while no operation claimed here is running), then waits
   * for the operations still running.
   */
  public void runUntil(ConnectorRegistry connectors, BooleanSupplier done)
      throws InterruptedException {
    AtomicInteger threads = new AtomicInteger();
    ScheduledExecutorService heartbeats =
        Executors.newSingleThreadScheduledExecutor(
            task -> daemon(task, "tenure-heartbeat-" + threads.incrementAndGet()));
    long interval = settings.heartbeatInterval().toMillis();
    heartbeats.scheduleWithFixedDelay(
        this::heartbeatQuietly, interval, interval, TimeUnit.MILLISECONDS);
    ExecutorService pool =
        Executors.newFixedThreadPool(
            settings.workers(), task -> daemon(task, "tenure-worker-" + threads.incrementAndGet()));
    try {
      while (true) {
        int before = signalCount();
        int claimed = dispatch(connectors, pool);
        // while operations claimed here still run, the round that claims nothing is not asked
        // whether the run is done (a count over the plan's open operations): the end of each
        // running operation wakes the dispatcher, and the run waits for them anyway
        if (claimed == 0) {
          if (claims.isEmpty() && done.getAsBoolean()) {
            return;
          }
          awaitSignal(before, settings.pollInterval());
        }
      }
    } finally {
      pool.shutdown();
      try {
        if (!pool.awaitTermination(settings.lease().toMillis() + 1000, TimeUnit.MILLISECONDS)) {
          pool.shutdownNow();
        }
      } finally {
        heartbeats.shutdownNow();
        // a heartbeat already renewing ends before the run returns: the caller may close the
        // store next, under its statement (an interrupt does not stop a JDBC call)
        heartbeats.awaitTermination(settings.lease().toMillis(), TimeUnit.MILLISECONDS);
      }
    }
  }

  private static Thread daemon(Runnable task, String name) {
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    return thread;
  }

  private void heartbeatQuietly() {
    try {
      heartbeat();
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "could not renew the leases of running operations", e);
    }
  }

  /** Runs workers in a background thread until the returned handle is closed. */
  public Running start(ConnectorRegistry connectors) {
    AtomicBoolean stop = new AtomicBoolean();
    Thread thread =
        new Thread(
            () -> {
              try {
                runUntil(connectors, stop::get);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "tenure-dispatcher");
    thread.setDaemon(true);
    thread.start();
    return new Running(
        () -> {
          stop.set(true);
          wake();
          try {
            thread.join(settings.lease().toMillis() + 5000);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
  }

  /** Background workers; closing stops them and waits for the operations still running. */
  public static final class Running implements AutoCloseable {
    private final Runnable stopper;

    Running(Runnable stopper) {
      this.stopper = stopper;
    }

    @Override
    public void close() {
      stopper.run();
    }
  }

  /**
   * The circuit breakers of this process, one view per target it has dispatched or was given a
   * throttle for, sorted: whether the target is out, since when, and for an open one how many of
   * its operations wait (read from the queue, once for all open targets).
   */
  public List<TargetHealth> health() {
    Set<TargetId> targets = new TreeSet<>(throttles.keySet());
    targets.addAll(dispatched);
    return breakers.health(targets);
  }

  /** The circuit breaker of one target in this process (closed if it never saw an outage). */
  public TargetHealth health(TargetId target) {
    return breakers.health(List.of(target)).stream()
        .filter(view -> view.target().equals(target))
        .findFirst()
        .orElseThrow();
  }

  /**
   * The targets this process has found out for {@link OutageSettings#patience()} or longer, by its
   * clock.
   */
  Set<TargetId> outBeyondPatience() {
    return breakers.outSince(clock.instant().minus(settings.outage().patience()));
  }

  /** How many operations of the target this process is running now. */
  public int running(TargetId target) {
    AtomicInteger busy = running.get(target);
    return busy == null ? 0 : busy.get();
  }

  private String requester(PlanId plan) {
    String known = requesters.get(plan);
    if (known != null) {
      return known;
    }
    String found;
    try {
      found = queue.requester(plan);
    } catch (RuntimeException e) {
      return actor;
    }
    if (requesters.size() > 10_000) {
      requesters.clear();
    }
    requesters.put(plan, found);
    return found;
  }

  private TargetThrottle throttle(TargetId target) {
    TargetThrottle throttle = throttles.get(target);
    return throttle == null ? TargetThrottle.defaults() : throttle;
  }

  private void pace(TargetId target, TargetThrottle throttle) {
    if (throttle.rateLimit() == 0) {
      return;
    }
    long wait =
        pacers
            .computeIfAbsent(target, ignored -> new Pacer(1000.0 / throttle.rateLimit()))
            .reserve(clock.millis());
    if (wait > 0) {
      try {
        Thread.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private int signalCount() {
    synchronized (signal) {
      return signals;
    }
  }

  private void wake() {
    synchronized (signal) {
      signals++;
      signal.notifyAll();
    }
  }

  private void awaitSignal(int seen, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (signal) {
      while (signals == seen) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return;
        }
        TimeUnit.NANOSECONDS.timedWait(signal, left);
      }
    }
  }
}
