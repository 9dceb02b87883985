package io.tenure.connector.connid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class SearchStreamTest {

  private final SearchStream streams = new SearchStream("test-search", 5);

  @Test
  void everyObjectArrivesInOrderAndTheThreadEnds() {
    try (Stream<String> found =
        streams.start(
            handler -> {
              for (int index = 0; index < 1000; index++) {
                if (!handler.test(index)) {
                  return;
                }
              }
            },
            (Integer index) -> "item" + index,
            RuntimeException::new)) {
      List<String> items = found.toList();
      assertThat(items).hasSize(1000).startsWith("item0", "item1").endsWith("item999");
    }
    assertThat(streams.open()).isZero();
  }

  @Test
  void theSearchRunsAtMostTheBufferAheadOfTheConsumer() throws InterruptedException {
    AtomicInteger handed = new AtomicInteger();
    try (Stream<Integer> found =
        streams.start(
            handler -> {
              for (int index = 0; index < 1000 && handler.test(index); index++) {
                handed.incrementAndGet();
              }
            },
            Function.identity(),
            RuntimeException::new)) {
      assertThat(found.limit(3).toList()).containsExactly(0, 1, 2);
      Thread.sleep(200);
      // three taken, five in the queue, one waiting to be put
      assertThat(handed.get()).isLessThanOrEqualTo(3 + 5 + 1);
    }
    assertThat(streams.open()).as("closing stops the search").isZero();
    assertThat(handed.get()).isLessThan(1000);
  }

  @Test
  void aFailureOfTheSearchIsThrownToTheConsumerAsTranslated() {
    try (Stream<Integer> found =
        streams.start(
            handler -> {
              handler.test(1);
              throw new IllegalStateException("bundle broke");
            },
            Function.identity(),
            failure -> new IllegalArgumentException("translated: " + failure.getMessage()))) {
      assertThatThrownBy(found::toList).hasMessage("translated: bundle broke");
    }
    assertThat(streams.open()).isZero();
  }
}
