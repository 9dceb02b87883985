package io.tenure.cli;

import io.tenure.engine.progress.ProgressBoard;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Draws the progress of long work on stderr: on a terminal a live bar redrawn in place ({@code plan
 * [########------------] 8000/20000 40% 2500/s ETA 0:05}), otherwise a line every few seconds, so
 * that logs of scripts and CI show the work moving; standard output stays for data ({@code --format
 * json}). A phase of unknown size (an import's rows) shows its count and rate. Nothing is drawn for
 * a phase that ends before the first line is due.
 */
final class ProgressReporter implements ProgressBoard.Listener {

  /** How often a line is printed without a terminal. */
  static final Duration LINE_INTERVAL = Duration.ofSeconds(5);

  /** How often the live bar is redrawn at most. */
  static final Duration REDRAW_INTERVAL = Duration.ofMillis(100);

  private static final int WIDTH = 24;

  private final PrintWriter err;
  private final boolean live;
  private final LongSupplier nanos;
  private String phase = "";
  private long total = -1;
  private long done;
  private long startedAt;
  private long drawnAt;
  private boolean drawn;
  private long drawnDone = -1;

  /**
   * @param err where to draw
   * @param live whether {@code err} is a terminal (a bar redrawn in place) or not (lines)
   * @param nanos the monotonic clock ({@link System#nanoTime()})
   */
  ProgressReporter(PrintWriter err, boolean live, LongSupplier nanos) {
    this.err = err;
    this.live = live;
    this.nanos = nanos;
  }

  @Override
  public synchronized void started(String newPhase, long newTotal) {
    phase = newPhase;
    total = newTotal;
    done = 0;
    startedAt = nanos.getAsLong();
    drawnAt = startedAt;
    drawn = false;
    drawnDone = -1;
  }

  @Override
  public synchronized void advanced(long nowDone) {
    done = Math.max(done, nowDone);
    long now = nanos.getAsLong();
    Duration interval = live ? REDRAW_INTERVAL : LINE_INTERVAL;
    if (now - drawnAt >= interval.toNanos()) {
      draw(now);
    }
  }

  @Override
  public synchronized void finished() {
    if (drawn) {
      if (live || done != drawnDone) {
        draw(nanos.getAsLong());
      }
      if (live) {
        err.println();
      }
      err.flush();
    }
    drawn = false;
  }

  private void draw(long now) {
    drawnAt = now;
    drawn = true;
    drawnDone = done;
    String line = line(now);
    if (live) {
      err.print("\r" + line + "\u001b[K");
    } else {
      err.println(line);
    }
    err.flush();
  }

  /** The progress as one line, without line end. */
  String line(long now) {
    double seconds = Math.max(1e-9, (now - startedAt) / 1e9);
    long rate = Math.round(done / seconds);
    StringBuilder text = new StringBuilder(phase).append(": ");
    if (total >= 0) {
      long shown = Math.min(done, total);
      int filled = total == 0 ? WIDTH : (int) (WIDTH * shown / total);
      if (live) {
        text.append('[').append("#".repeat(filled)).append("-".repeat(WIDTH - filled)).append("] ");
      }
      text.append(shown).append('/').append(total);
      text.append(String.format(Locale.ROOT, " %d%%", total == 0 ? 100 : 100 * shown / total));
      text.append(", ").append(rate).append("/s");
      if (rate > 0 && shown < total) {
        text.append(", ETA ").append(clock((total - shown) / rate));
      }
    } else {
      text.append(done).append(" read, ").append(rate).append("/s");
    }
    return text.toString();
  }

  private static String clock(long seconds) {
    return seconds >= 3600
        ? String.format(
            Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
        : String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
  }
}
