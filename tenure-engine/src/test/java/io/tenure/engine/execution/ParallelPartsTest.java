package io.tenure.engine.execution;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class ParallelPartsTest {

  @Test
  void everyPartRunsExactlyOnceOnTheCallerAndTheHelpersBeforeRunReturns() throws Exception {
    ExecutorService executor = Executors.newFixedThreadPool(3);
    try {
      AtomicIntegerArray runs = new AtomicIntegerArray(50);
      Set<String> threads = ConcurrentHashMap.newKeySet();
      ParallelParts.run(
          50,
          3,
          executor,
          part -> {
            threads.add(Thread.currentThread().getName());
            sleep(2);
            runs.incrementAndGet(part);
          });
      for (int part = 0; part < 50; part++) {
        assertThat(runs.get(part)).as("part %d", part).isEqualTo(1);
      }
      assertThat(threads).contains(Thread.currentThread().getName()).hasSizeGreaterThan(1);
    } finally {
      executor.shutdownNow();
      assertThat(executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void anExecutorThatRefusesLeavesEveryPartToTheCaller() {
    AtomicIntegerArray runs = new AtomicIntegerArray(7);
    ParallelParts.run(
        7,
        4,
        task -> {
          throw new RejectedExecutionException("full");
        },
        runs::incrementAndGet);
    for (int part = 0; part < 7; part++) {
      assertThat(runs.get(part)).isEqualTo(1);
    }
  }

  @Test
  void anInterruptIsKeptForTheCallerOnceEveryPartHasRun() {
    AtomicIntegerArray runs = new AtomicIntegerArray(3);
    Thread.currentThread().interrupt();
    try {
      ParallelParts.run(3, 0, Runnable::run, runs::incrementAndGet);
      assertThat(runs.get(0) + runs.get(1) + runs.get(2)).isEqualTo(3);
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
