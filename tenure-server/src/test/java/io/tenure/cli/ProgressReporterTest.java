package io.tenure.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressReporterTest {

  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  private final StringWriter written = new StringWriter();

  private void after(Duration duration) {
    nanos.addAndGet(duration.toNanos());
  }

  @Test
  void withoutATerminalALineEveryFewSecondsWithCountsRateAndEta() {
    ProgressReporter reporter =
        new ProgressReporter(new PrintWriter(written, true), false, nanos::get);
    reporter.started("plan", 20_000);
    after(Duration.ofSeconds(1));
    reporter.advanced(1_000);
    assertThat(written.toString()).as("nothing before the first line is due").isEmpty();
    after(Duration.ofSeconds(4));
    reporter.advanced(5_000);
    assertThat(written.toString()).isEqualTo("plan: 5000/20000 25%, 1000/s, ETA 0:15\n");
    after(Duration.ofSeconds(15));
    reporter.advanced(20_000);
    reporter.finished();
    assertThat(written.toString().lines())
        .containsExactly(
            "plan: 5000/20000 25%, 1000/s, ETA 0:15", "plan: 20000/20000 100%, 1000/s");
  }

  @Test
  void onATerminalALiveBarRedrawnInPlaceAndEndedByALineBreak() {
    ProgressReporter reporter =
        new ProgressReporter(new PrintWriter(written, true), true, nanos::get);
    reporter.started("apply", 100);
    after(Duration.ofSeconds(2));
    reporter.advanced(50);
    reporter.finished();
    assertThat(written.toString())
        .startsWith("\rapply: [############------------] 50/100 50%, 25/s, ETA 0:02")
        .endsWith("\n");
  }

  @Test
  void aPhaseOfUnknownSizeShowsItsCountAndRate() {
    ProgressReporter reporter =
        new ProgressReporter(new PrintWriter(written, true), false, nanos::get);
    reporter.started("import hr", -1);
    after(Duration.ofSeconds(10));
    reporter.advanced(12_000);
    assertThat(written.toString()).isEqualTo("import hr: 12000 read, 1200/s\n");
  }

  @Test
  void aQuickPhaseDrawsNothing() {
    ProgressReporter reporter =
        new ProgressReporter(new PrintWriter(written, true), false, nanos::get);
    reporter.started("plan", 3);
    reporter.advanced(3);
    reporter.finished();
    assertThat(written.toString()).isEmpty();
  }
}
