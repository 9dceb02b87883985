package io.tenure.engine.ingest;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * A source's rows in chunks, each read and prepared one chunk ahead of its caller on a thread of
 * its own: while the caller applies a chunk, the next is read from the source and prepared ({@code
 * prepare}: what the caller needs to know before it applies a chunk, such as what the store holds
 * for it). What is prepared for a chunk is therefore prepared before the chunk handed out before it
 * has been applied; the caller must judge whether that chunk's writes make it stale.
 *
 * <p>The rows are read by one thread at a time, in order, never by two at once. What reading or
 * preparing a chunk throws is thrown by the {@link #next()} that would have handed the chunk out,
 * after every chunk before it has been handed out. Not thread-safe: one caller.
 *
 * @param <T> a chunk as prepared
 */
final class ReadAhead<T> implements AutoCloseable {

  private final Iterator<SourceRow> rows;
  private final int size;
  private final Function<List<SourceRow>, T> prepare;
  private final ExecutorService reader;
  private @Nullable Future<@Nullable T> reading;
  private boolean ended;

  /**
   * @param rows the source's rows, read only by this from now on
   * @param size the rows per chunk (the last may have fewer)
   * @param prepare prepares a chunk of rows; runs on the reading thread
   */
  ReadAhead(Stream<SourceRow> rows, int size, Function<List<SourceRow>, T> prepare) {
    if (size < 1) {
      throw new IllegalArgumentException("a chunk has at least one row: " + size);
    }
    this.rows = rows.iterator();
    this.size = size;
    this.prepare = prepare;
    this.reader =
        Executors.newSingleThreadExecutor(
            work -> {
              Thread thread = new Thread(work, "tenure-import-read-ahead");
              thread.setDaemon(true);
              return thread;
            });
  }

  /**
   * The next chunk as prepared, or null once the rows have ended; before it returns a chunk, the
   * reading and preparing of the chunk after it has begun.
   *
   * @throws RuntimeException what reading or preparing the chunk threw (as thrown, not wrapped)
   */
  @Nullable T next() {
    if (ended) {
      return null;
    }
    Future<@Nullable T> current = reading == null ? reader.submit(this::readChunk) : reading;
    reading = null;
    T chunk;
    try {
      chunk = await(current);
    } catch (RuntimeException | Error e) {
      ended = true;
      throw e;
    }
    if (chunk == null) {
      ended = true;
    } else {
      reading = reader.submit(this::readChunk);
    }
    return chunk;
  }

  /** Waits for the chunk being read, if any (what it threw is dropped), then stops the thread. */
  @Override
  public void close() {
    try {
      if (reading != null) {
        try {
          await(reading);
        } catch (RuntimeException | Error ignored) {
          // the caller stopped first: what reading the chunk after threw is not its concern
        }
      }
    } finally {
      reading = null;
      ended = true;
      reader.shutdown();
    }
  }

  private @Nullable T readChunk() {
    List<SourceRow> chunk = new ArrayList<>(size);
    while (chunk.size() < size && rows.hasNext()) {
      chunk.add(rows.next());
    }
    return chunk.isEmpty() ? null : prepare.apply(chunk);
  }

  private static <T> T await(Future<T> future) {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return future.get();
        } catch (InterruptedException e) {
          // the chunk is being read from the source: it is waited for, not abandoned half-read
          interrupted = true;
        } catch (ExecutionException e) {
          Throwable cause = e.getCause();
          if (cause instanceof RuntimeException runtime) {
            throw runtime;
          }
          if (cause instanceof Error error) {
            throw error;
          }
          throw new IllegalStateException("reading a chunk of rows failed", cause);
        } catch (CancellationException e) {
          throw new IllegalStateException("reading a chunk of rows was cancelled", e);
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
