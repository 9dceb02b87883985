package io.tenure.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

  @Test
  void wholeDaysAreDaysAsConfiguredNotHours() {
    assertThat(Durations.iso(Duration.parse("P30D"))).isEqualTo("P30D");
    assertThat(Durations.iso(Duration.parse("P1D"))).isEqualTo("P1D");
    assertThat(Durations.iso(Duration.parse("PT36H"))).isEqualTo("P1DT12H");
    assertThat(Durations.iso(Duration.parse("PT15M"))).isEqualTo("PT15M");
    assertThat(Durations.iso(Duration.ZERO)).isEqualTo("PT0S");
    assertThat(Duration.parse(Durations.iso(Duration.parse("P2DT0.5S"))))
        .isEqualTo(Duration.parse("P2DT0.5S"));
  }
}
