package io.tenure.engine.execution;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Pieces of work handed over one at a time while the caller goes on with something else, run by up
 * to {@code helpers} tasks on an executor; {@link #finish} runs on the caller every piece no task
 * has taken and returns once every piece has run. The caller never waits for a task that has not
 * started (a task that starts when no piece is waiting does nothing), so a busy or refusing
 * executor only leaves the pieces to the caller at the end. Pieces run in any order, each exactly
 * once.
 *
 * <p>A piece that throws does not stop the others: the first exception (the later ones suppressed
 * in it) is thrown by {@link #finish} after every piece has run. An interrupt does not cut {@link
 * #finish}'s wait short (pieces already started may hold what the caller owns): it is kept for the
 * caller.
 *
 * <p>One caller adds and finishes; the helpers are the only other threads.
 */
final class BackgroundParts {

  private final Executor executor;
  private final int helpers;
  private final Queue<Runnable> waiting = new ConcurrentLinkedQueue<>();
  private final AtomicInteger helping = new AtomicInteger();
  private final Object lock = new Object();
  private int unfinished;
  private @Nullable RuntimeException failure;

  /**
   * @param executor runs the helper tasks
   * @param helpers how many helper tasks at most run at once (0: the caller runs every piece at
   *     {@link #finish})
   */
  BackgroundParts(Executor executor, int helpers) {
    this.executor = executor;
    this.helpers = Math.max(0, helpers);
  }

  /** Hands a piece over: a helper runs it, or the caller at {@link #finish}. */
  void add(Runnable piece) {
    synchronized (lock) {
      unfinished++;
    }
    waiting.add(piece);
    if (reserveHelper()) {
      try {
        executor.execute(this::help);
      } catch (RuntimeException refused) {
        helping.decrementAndGet(); // the caller takes the piece at the end
      }
    }
  }

  /** Runs every piece not taken yet, then waits for those running; throws a piece's failure. */
  void finish() {
    runWaiting();
    boolean interrupted = false;
    synchronized (lock) {
      while (unfinished > 0) {
        try {
          lock.wait();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    RuntimeException failed;
    synchronized (lock) {
      failed = failure;
    }
    if (failed != null) {
      throw failed;
    }
  }

  private boolean reserveHelper() {
    while (true) {
      int now = helping.get();
      if (now >= helpers) {
        return false;
      }
      if (helping.compareAndSet(now, now + 1)) {
        return true;
      }
    }
  }

  private void help() {
    do {
      runWaiting();
      helping.decrementAndGet();
      // a piece added after the last poll, while every helper was still counted, found no helper
      // to start: it is this one's if a place is free
    } while (!waiting.isEmpty() && reserveHelper());
  }

  private void runWaiting() {
    for (Runnable piece = waiting.poll(); piece != null; piece = waiting.poll()) {
      try {
        piece.run();
      } catch (RuntimeException e) {
        synchronized (lock) {
          if (failure == null) {
            failure = e;
          } else if (failure != e) {
            failure.addSuppressed(e);
          }
        }
      } finally {
        synchronized (lock) {
          unfinished--;
          lock.notifyAll();
        }
      }
    }
  }
}
