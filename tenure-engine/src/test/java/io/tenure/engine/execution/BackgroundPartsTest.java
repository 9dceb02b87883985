package io.tenure.engine.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class BackgroundPartsTest {

  @Test
  void aPieceRunsOnAHelperWhileTheCallerGoesOn() throws Exception {
    ExecutorService executor = Executors.newFixedThreadPool(2);
    try {
      BackgroundParts parts = new BackgroundParts(executor, 1);
      CountDownLatch ran = new CountDownLatch(1);
      Set<String> threads = ConcurrentHashMap.newKeySet();
      parts.add(
          () -> {
            threads.add(Thread.currentThread().getName());
            ran.countDown();
          });

      assertThat(ran.await(10, TimeUnit.SECONDS))
          .as("the piece ran before the caller finished")
          .isTrue();
      parts.finish();
      assertThat(threads).doesNotContain(Thread.currentThread().getName()).hasSize(1);
    } finally {
      executor.shutdownNow();
      assertThat(executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void everyPieceRunsExactlyOnceBeforeFinishReturns() throws Exception {
    ExecutorService executor = Executors.newFixedThreadPool(3);
    try {
      for (int round = 0; round < 20; round++) {
        AtomicIntegerArray runs = new AtomicIntegerArray(40);
        BackgroundParts parts = new BackgroundParts(executor, 2);
        for (int piece = 0; piece < 40; piece++) {
          int number = piece;
          parts.add(
              () -> {
                if (number % 7 == 0) {
                  sleep(1);
                }
                runs.incrementAndGet(number);
              });
          if (piece % 5 == 0) {
            sleep(1); // the caller's own work between pieces: helpers finish and stop meanwhile
          }
        }
        parts.finish();
        for (int piece = 0; piece < 40; piece++) {
          assertThat(runs.get(piece)).as("round %d, piece %d", round, piece).isEqualTo(1);
        }
      }
    } finally {
      executor.shutdownNow();
      assertThat(executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void anExecutorThatRefusesOrNoHelperLeavesEveryPieceToTheCallerAtFinish() {
    AtomicIntegerArray refused = new AtomicIntegerArray(5);
    BackgroundParts refusing =
        new BackgroundParts(
            task -> {
              throw new RejectedExecutionException("full");
            },
            3);
    AtomicIntegerArray none = new AtomicIntegerArray(5);
    BackgroundParts without = new BackgroundParts(Runnable::run, 0);
    for (int piece = 0; piece < 5; piece++) {
      int number = piece;
      refusing.add(() -> refused.incrementAndGet(number));
      without.add(() -> none.incrementAndGet(number));
    }
    for (int piece = 0; piece < 5; piece++) {
      assertThat(refused.get(piece) + none.get(piece)).as("nothing ran before finish").isZero();
    }

    refusing.finish();
    without.finish();

    for (int piece = 0; piece < 5; piece++) {
      assertThat(refused.get(piece)).isEqualTo(1);
      assertThat(none.get(piece)).isEqualTo(1);
    }
  }

  @Test
  void aFailingPieceStopsNoOtherAndItsFailureIsThrownByFinish() {
    AtomicIntegerArray runs = new AtomicIntegerArray(4);
    BackgroundParts parts = new BackgroundParts(Runnable::run, 1);
    for (int piece = 0; piece < 4; piece++) {
      int number = piece;
      parts.add(
          () -> {
            runs.incrementAndGet(number);
            if (number == 1 || number == 2) {
              throw new IllegalStateException("piece " + number);
            }
          });
    }

    assertThatThrownBy(parts::finish)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("piece 1")
        .satisfies(thrown -> assertThat(thrown.getSuppressed()).hasSize(1));
    for (int piece = 0; piece < 4; piece++) {
      assertThat(runs.get(piece)).isEqualTo(1);
    }
  }

  @Test
  void anInterruptIsKeptForTheCallerOnceEveryPieceHasRun() {
    AtomicIntegerArray runs = new AtomicIntegerArray(3);
    BackgroundParts parts = new BackgroundParts(Runnable::run, 0);
    for (int piece = 0; piece < 3; piece++) {
      int number = piece;
      parts.add(() -> runs.incrementAndGet(number));
    }
    Thread.currentThread().interrupt();
    try {
      parts.finish();
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
