package io.tenure.engine.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tenure.connector.spi.ConnectorException;
import io.tenure.connector.spi.ErrorKind;
import io.tenure.connector.spi.RemoteAccount;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ChunkPrefetcherTest {

  private static RemoteAccount account(int index) {
    return new RemoteAccount("id" + index, "u" + index, Map.of(), true, Set.of());
  }

  @Test
  void everyAccountComesOnceInOrderInChunksAndThenTheEnd() {
    List<String> names = new ArrayList<>();
    List<Integer> sizes = new ArrayList<>();
    try (ChunkPrefetcher chunks =
        new ChunkPrefetcher(
            IntStream.range(0, 2_501).mapToObj(ChunkPrefetcherTest::account), 1000, 2)) {
      for (List<RemoteAccount> chunk = chunks.next(); chunk != null; chunk = chunks.next()) {
        sizes.add(chunk.size());
        chunk.forEach(account -> names.add(account.name()));
      }
    }
    assertThat(sizes).containsExactly(1000, 1000, 501);
    assertThat(names).hasSize(2_501).startsWith("u0", "u1").endsWith("u2500");
  }

  @Test
  void aFailureOfTheStreamIsRethrownAfterTheChunksBeforeIt() {
    Stream<RemoteAccount> failing =
        IntStream.range(0, 25)
            .mapToObj(
                index -> {
                  if (index == 20) {
                    throw new ConnectorException(ErrorKind.CONNECTION, "connection reset");
                  }
                  return account(index);
                });
    try (ChunkPrefetcher chunks = new ChunkPrefetcher(failing, 10, 2)) {
      assertThat(chunks.next()).hasSize(10);
      assertThat(chunks.next()).hasSize(10);
      assertThatThrownBy(chunks::next)
          .isInstanceOf(ConnectorException.class)
          .hasMessageContaining("connection reset");
    }
  }

  @Test
  void closingEarlyStopsTheReaderAfterAFewChunks() {
    AtomicInteger produced = new AtomicInteger();
    Stream<RemoteAccount> endless =
        Stream.iterate(0, index -> index + 1)
            .map(
                index -> {
                  produced.incrementAndGet();
                  return account(index);
                });
    try (ChunkPrefetcher chunks = new ChunkPrefetcher(endless, 10, 2)) {
      assertThat(chunks.next()).hasSize(10);
    }
    int afterClose = produced.get();
    assertThat(afterClose).as("the read ahead is bounded").isLessThanOrEqualTo(50);
    assertThat(produced.get()).as("nothing is read after close").isEqualTo(afterClose);
  }
}
