package io.tenure.connector.connid;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.jspecify.annotations.Nullable;

/**
 * Turns ConnId's push-style search (a handler called per object) into a pull-style {@link Stream}
 * with bounded memory: the search runs on its own thread and hands objects over through a queue of
 * at most {@code bufferSize}, so a slow consumer holds the search back instead of piling objects
 * up. Closing the stream makes the handler answer "stop" to the bundle, which ends the search, and
 * waits for the thread to finish. {@link #open()} counts the searches whose thread still runs.
 */
final class SearchStream {

  /** How the search is run: it calls the handler per object until the handler answers false. */
  interface Search<T> {
    void run(Predicate<T> handler);
  }

  private static final Object END = new Object();
  private static final long HAND_OVER_MILLIS = 50;
  private static final long CLOSE_WAIT_MILLIS = 30_000;

  private final String threadName;
  private final int bufferSize;
  private final AtomicInteger running = new AtomicInteger();

  /**
   * @param threadName the name of the search threads
   * @param bufferSize objects read ahead of the consumer, at most
   */
  SearchStream(String threadName, int bufferSize) {
    this.threadName = threadName;
    this.bufferSize = bufferSize;
  }

  /** How many searches still run a thread. */
  int open() {
    return running.get();
  }

  /**
   * Starts the search and returns its objects, each converted by {@code convert} on the consumer's
   * thread. A failure of the search is thrown from the stream's consumer, as {@code failure}
   * translates it. The caller must close the stream.
   */
  <T, R> Stream<R> start(
      Search<T> search, Function<T, R> convert, Function<Throwable, RuntimeException> failure) {
    BlockingQueue<Object> queue = new ArrayBlockingQueue<>(bufferSize);
    AtomicBoolean closed = new AtomicBoolean();
    Thread thread =
        new Thread(
            () -> {
              try {
                search.run(item -> handOver(queue, closed, item));
                handOver(queue, closed, END);
              } catch (Throwable e) {
                handOver(queue, closed, new Failed(e));
              } finally {
                running.decrementAndGet();
              }
            },
            threadName);
    thread.setDaemon(true);
    running.incrementAndGet();
    thread.start();
    Iterator<R> iterator = new Reader<>(queue, convert, failure);
    return StreamSupport.stream(
            Spliterators.spliteratorUnknownSize(
                iterator, Spliterator.ORDERED | Spliterator.NONNULL),
            false)
        .onClose(() -> stop(thread, queue, closed));
  }

  /** Puts the item in the queue, waiting while it is full; false once the stream is closed. */
  private static boolean handOver(BlockingQueue<Object> queue, AtomicBoolean closed, Object item) {
    try {
      while (!closed.get()) {
        if (queue.offer(item, HAND_OVER_MILLIS, TimeUnit.MILLISECONDS)) {
          return true;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return false;
  }

  private static void stop(Thread thread, BlockingQueue<Object> queue, AtomicBoolean closed) {
    closed.set(true);
    queue.clear();
    try {
      thread.join(CLOSE_WAIT_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private record Failed(Throwable cause) {}

  private static final class Reader<T, R> implements Iterator<R> {
    private final BlockingQueue<Object> queue;
    private final Function<T, R> convert;
    private final Function<Throwable, RuntimeException> failure;
    private @Nullable Object next;
    private boolean ended;

    Reader(
        BlockingQueue<Object> queue,
        Function<T, R> convert,
        Function<Throwable, RuntimeException> failure) {
      this.queue = queue;
      this.convert = convert;
      this.failure = failure;
    }

    @Override
    public boolean hasNext() {
      if (next != null) {
        return true;
      }
      if (ended) {
        return false;
      }
      Object taken;
      try {
        taken = queue.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw failure.apply(e);
      }
      if (taken == END) {
        ended = true;
        return false;
      }
      if (taken instanceof Failed failed) {
        ended = true;
        throw failure.apply(failed.cause());
      }
      next = taken;
      return true;
    }

    @Override
    @SuppressWarnings("unchecked")
    public R next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      Object current = next;
      next = null;
      return convert.apply((T) current);
    }
  }
}
