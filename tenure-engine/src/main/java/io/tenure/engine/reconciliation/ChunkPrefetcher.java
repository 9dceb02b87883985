package io.tenure.engine.reconciliation;

import io.tenure.connector.spi.RemoteAccount;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Reads a stream of target accounts into chunks on its own thread, at most {@code ahead} chunks
 * ahead of the consumer, so that reading the target (network, the target's own work) overlaps
 * checking the chunks already read (store, policy). A failure of the stream is rethrown by {@link
 * #next()}. Closing stops the reader after the item it is reading; the caller still closes the
 * stream, after this.
 */
final class ChunkPrefetcher implements AutoCloseable {

  private static final Object END = new Object();

  private final BlockingQueue<Object> queue;
  private final Thread reader;
  private volatile boolean closed;

  ChunkPrefetcher(Stream<RemoteAccount> stream, int chunkSize, int ahead) {
    this.queue = new ArrayBlockingQueue<>(ahead);
    this.reader = new Thread(() -> read(stream, chunkSize), "tenure-reconciliation-reader");
    reader.setDaemon(true);
    reader.start();
  }

  private void read(Stream<RemoteAccount> stream, int chunkSize) {
    try {
      Iterator<RemoteAccount> iterator = stream.iterator();
      List<RemoteAccount> chunk = new ArrayList<>(chunkSize);
      while (!closed && iterator.hasNext()) {
        chunk.add(iterator.next());
        if (chunk.size() == chunkSize) {
          put(List.copyOf(chunk));
          chunk.clear();
        }
      }
      if (!chunk.isEmpty()) {
        put(List.copyOf(chunk));
      }
      put(END);
    } catch (RuntimeException | Error failure) {
      put(failure);
    }
  }

  private void put(Object item) {
    try {
      while (!closed) {
        if (queue.offer(item, 100, TimeUnit.MILLISECONDS)) {
          return;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The next chunk, or null when the stream is exhausted. */
  @SuppressWarnings("unchecked")
  @Nullable List<RemoteAccount> next() {
    Object item;
    try {
      item = queue.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading the target", e);
    }
    if (item == END) {
      return null;
    }
    if (item instanceof RuntimeException failure) {
      throw failure;
    }
    if (item instanceof Error failure) {
      throw failure;
    }
    return (List<RemoteAccount>) item;
  }

  @Override
  public void close() {
    closed = true;
    queue.clear();
    try {
      reader.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
