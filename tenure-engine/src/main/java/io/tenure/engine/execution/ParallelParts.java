package io.tenure.engine.execution;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Runs numbered parts of one piece of work, several at once, and returns when every part has run:
 * the calling thread takes parts one after the other and up to {@code helpers} tasks on an executor
 * take the others. A task that starts when no part is left does nothing, so the caller never waits
 * for a task that has not started; an executor that refuses a task leaves its parts to the caller.
 * An interrupt does not cut the wait short (parts already started may hold resources the caller
 * owns): it is kept for the caller once every part has run.
 */
final class ParallelParts {

  private ParallelParts() {}

  /**
   * @param parts how many parts there are, numbered from 0
   * @param helpers how many tasks at most to start on {@code executor} besides this thread
   * @param part runs the part of that number
   */
  static void run(int parts, int helpers, Executor executor, IntConsumer part) {
    AtomicInteger next = new AtomicInteger();
    CountDownLatch done = new CountDownLatch(parts);
    Runnable taker =
        () -> {
          for (int each = next.getAndIncrement(); each < parts; each = next.getAndIncrement()) {
            try {
              part.accept(each);
            } finally {
              done.countDown();
            }
          }
        };
    for (int helper = 0; helper < Math.min(parts - 1, helpers); helper++) {
      try {
        executor.execute(taker);
      } catch (RuntimeException e) {
        break; // this thread takes the parts
      }
    }
    taker.run();
    boolean interrupted = false;
    while (true) {
      try {
        done.await();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
