package io.tenure.engine.progress;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where long work (an import's rows, planning's people, an apply's operations) reports how far it
 * got, one phase at a time, for whoever listens (the CLI's progress bar on stderr). Nobody listens
 * by default. Thread-safe: workers on several threads may advance one phase.
 */
public final class ProgressBoard {

  /** Told of each phase and how far it got. Must not throw; called on the working threads. */
  public interface Listener {

    /**
     * A phase starts.
     *
     * @param phase what is done, for example {@code import hr} or {@code plan}
     * @param total how many units it has, or -1 when that is not known in advance
     */
    void started(String phase, long total);

    /** The phase has done this many units in all. */
    void advanced(long done);

    /** The phase is over. */
    void finished();
  }

  private static final Listener NOBODY =
      new Listener() {
        @Override
        public void started(String phase, long total) {}

        @Override
        public void advanced(long done) {}

        @Override
        public void finished() {}
      };

  private volatile Listener listener = NOBODY;
  private final AtomicLong done = new AtomicLong();

  /** From now on, tells {@code newListener} (replacing the previous one). */
  public void listen(Listener newListener) {
    this.listener = Objects.requireNonNull(newListener, "listener");
  }

  /** Tells nobody any more. */
  public void stopListening() {
    this.listener = NOBODY;
  }

  /** A phase of {@code total} units (-1: unknown) starts. */
  public void start(String phase, long total) {
    done.set(0);
    listener.started(phase, total);
  }

  /** The current phase did {@code units} more. */
  public void advance(long units) {
    listener.advanced(done.addAndGet(units));
  }

  /** The current phase is over. */
  public void finish() {
    listener.finished();
  }
}
