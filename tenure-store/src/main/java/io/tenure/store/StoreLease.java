package io.tenure.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A command's claim on the embedded PostgreSQL that a keeper holds up between commands: a shared
 * lock on {@code <data directory>.use}, held from before the command looks for the server until it
 * is done with it. The {@link EmbeddedStoreKeeper} stops the server only while it holds the
 * exclusive lock on the same file, so it never stops a server a command is about to use or is
 * using, and a command that arrives while the keeper stops it waits until the server is down, then
 * starts a fresh one.
 *
 * <p>The operating system releases the lock when the process ends, kill -9 included. The threads of
 * one process share one lock (Java refuses two overlapping locks in one process): the first lease
 * takes it, the last release lets it go.
 */
final class StoreLease implements AutoCloseable {

  private static final Map<Path, Shared> HELD = new HashMap<>();

  private final Path file;
  private boolean released;

  private StoreLease(Path file) {
    this.file = file;
  }

  /** The lease file of a data directory. */
  static Path file(Path dataDirectory) {
    return dataDirectory.resolveSibling(dataDirectory.getFileName() + ".use");
  }

  /**
   * Takes a lease on the server of {@code dataDirectory}, waiting while a keeper is stopping it.
   */
  static StoreLease acquire(Path dataDirectory) {
    Path file = file(dataDirectory);
    synchronized (HELD) {
      Shared shared = HELD.get(file);
      if (shared == null) {
        shared = Shared.open(file);
        HELD.put(file, shared);
      }
      shared.count++;
      return new StoreLease(file);
    }
  }

  /**
   * The exclusive lock on the lease file if no process holds a lease now (what a keeper takes
   * before it decides that the server is idle), empty otherwise.
   */
  static Optional<FileLock> tryExclusive(FileChannel channel) throws IOException {
    return Optional.ofNullable(channel.tryLock());
  }

  /** Opens the lease file for {@link #tryExclusive}. */
  static FileChannel open(Path dataDirectory) throws IOException {
    return FileChannel.open(
        file(dataDirectory),
        StandardOpenOption.CREATE,
        StandardOpenOption.READ,
        StandardOpenOption.WRITE);
  }

  @Override
  public void close() {
    synchronized (HELD) {
      if (released) {
        return;
      }
      released = true;
      Shared shared = HELD.get(file);
      if (shared != null && --shared.count == 0) {
        HELD.remove(file);
        shared.close();
      }
    }
  }

  private static final class Shared {
    private final FileChannel channel;
    private int count;

    private Shared(FileChannel channel) {
      this.channel = channel;
    }

    static Shared open(Path file) {
      try {
        FileChannel channel =
            FileChannel.open(
                file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
          FileLock unused = channel.lock(0, Long.MAX_VALUE, true);
          return new Shared(channel);
        } catch (IOException | RuntimeException e) {
          channel.close();
          throw e;
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot lease the embedded store (" + file + ")", e);
      }
    }

    void close() {
      try {
        channel.close();
      } catch (IOException e) {
        // the lock goes with the channel, or with the process
      }
    }
  }
}
