package io.tenure.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenure.engine.configuration.TenureHome;
import io.tenure.server.TenureLauncher;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class TodayOptionTest {

  private final Clock base = Clock.fixed(Instant.parse("2026-03-02T10:15:30Z"), ZoneOffset.UTC);

  private PlanCommand command() {
    return new PlanCommand(
        new CliEnvironment(
            new PrintWriter(new StringWriter()),
            new PrintWriter(new StringWriter()),
            Terminal.none(),
            name -> null,
            new TenureHome(Path.of("unused")),
            base,
            TenureLauncher.INSTANCE,
            UnaryOperator.identity()));
  }

  @Test
  void todayMovesTheDateAndKeepsTheTimeOfDay() {
    Clock moved = command().clock(LocalDate.of(2026, 7, 1));
    assertThat(LocalDate.now(moved)).isEqualTo(LocalDate.of(2026, 7, 1));
    assertThat(moved.instant()).isEqualTo(Instant.parse("2026-07-01T10:15:30Z"));
    assertThat(command().clock(LocalDate.of(2025, 12, 31)).instant())
        .isEqualTo(Instant.parse("2025-12-31T10:15:30Z"));
  }

  @Test
  void withoutTodayTheClockIsTheEnvironments() {
    assertThat(command().clock(null)).isSameAs(base);
  }
}
