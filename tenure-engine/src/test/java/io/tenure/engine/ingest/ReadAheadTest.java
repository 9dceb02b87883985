package io.tenure.engine.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tenure.core.source.RecordLocation;
import io.tenure.core.source.RecordProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ReadAheadTest {

  @Test
  void handsOutTheChunksInOrderEachPreparedOnTheReadingThread() {
    List<String> threads = new CopyOnWriteArrayList<>();
    List<List<Integer>> chunks = new ArrayList<>();
    try (ReadAhead<List<Integer>> ahead =
        new ReadAhead<>(
            rows(7),
            3,
            chunk -> {
              threads.add(Thread.currentThread().getName());
              return chunk.stream().map(row -> (int) row.location().line()).toList();
            })) {
      for (List<Integer> chunk = ahead.next(); chunk != null; chunk = ahead.next()) {
        chunks.add(chunk);
      }
      assertThat(ahead.next()).as("still ended").isNull();
    }
    assertThat(chunks).containsExactly(List.of(1, 2, 3), List.of(4, 5, 6), List.of(7));
    assertThat(threads).containsOnly("tenure-import-read-ahead").hasSize(3);
  }

  @Test
  void theNextChunkIsReadWhileTheCallerHasTheOneBefore() throws InterruptedException {
    CountDownLatch secondPrepared = new CountDownLatch(1);
    AtomicInteger prepared = new AtomicInteger();
    try (ReadAhead<Integer> ahead =
        new ReadAhead<>(
            rows(4),
            2,
            chunk -> {
              int number = prepared.incrementAndGet();
              if (number == 2) {
                secondPrepared.countDown();
              }
              return number;
            })) {
      assertThat(ahead.next()).isEqualTo(1);
      assertThat(secondPrepared.await(10, TimeUnit.SECONDS))
          .as("chunk 2 prepared before the caller asks for it")
          .isTrue();
      assertThat(ahead.next()).isEqualTo(2);
      assertThat(ahead.next()).isNull();
    }
  }

  @Test
  void whatReadingThrowsComesAfterTheChunksBeforeIt() {
    RecordProblem lost =
        new RecordProblem(new RecordLocation("people", 5), null, "connection lost");
    Stream<SourceRow> failing =
        IntStream.rangeClosed(1, 6)
            .mapToObj(
                line -> {
                  if (line == 5) {
                    throw new SourceFileException(lost);
                  }
                  return row(line);
                });
    List<Integer> handed = new ArrayList<>();
    try (ReadAhead<Integer> ahead = new ReadAhead<>(failing, 2, List::size)) {
      handed.add(ahead.next());
      handed.add(ahead.next());
      assertThatThrownBy(ahead::next)
          .isInstanceOf(SourceFileException.class)
          .extracting(e -> ((SourceFileException) e).problem())
          .isEqualTo(lost);
      assertThat(ahead.next()).as("nothing after a failure").isNull();
    }
    assertThat(handed).containsExactly(2, 2);
  }

  @Test
  void closingWaitsForTheChunkBeingRead() throws InterruptedException {
    CountDownLatch reading = new CountDownLatch(1);
    AtomicInteger finished = new AtomicInteger();
    ReadAhead<Integer> ahead =
        new ReadAhead<>(
            rows(4),
            2,
            chunk -> {
              if (chunk.get(0).location().line() == 3) {
                reading.countDown();
                sleep(200);
                finished.incrementAndGet();
              }
              return chunk.size();
            });
    assertThat(ahead.next()).isEqualTo(2);
    assertThat(reading.await(10, TimeUnit.SECONDS)).isTrue();
    ahead.close();
    assertThat(finished).as("the chunk being read was finished before close returned").hasValue(1);
    assertThat(ahead.next()).isNull();
  }

  @Test
  void aChunkHasAtLeastOneRow() {
    assertThatThrownBy(() -> new ReadAhead<>(rows(1), 0, List::size))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static Stream<SourceRow> rows(int count) {
    return IntStream.rangeClosed(1, count).mapToObj(ReadAheadTest::row);
  }

  private static SourceRow row(int line) {
    return SourceRow.unreadableFrom(new RecordLocation("people.csv", line), "a row of the test");
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
