package io.tenure.engine.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

  private final RetryPolicy policy =
      new RetryPolicy(Duration.ofMillis(100), Duration.ofSeconds(2), 8);

  @Test
  void theCeilingDoublesFromTheBaseUpToTheCap() {
    assertThat(policy.ceiling(1)).isEqualTo(Duration.ofMillis(100));
    assertThat(policy.ceiling(2)).isEqualTo(Duration.ofMillis(200));
    assertThat(policy.ceiling(5)).isEqualTo(Duration.ofMillis(1600));
    assertThat(policy.ceiling(6)).isEqualTo(Duration.ofSeconds(2));
    assertThat(policy.ceiling(500)).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void delaysAreFullJitterBetweenZeroAndTheCeiling() {
    long seed = new Random().nextLong();
    Random random = new Random(seed);
    for (int round = 0; round < 2_000; round++) {
      int failed = 1 + random.nextInt(7);
      Duration delay = policy.delayAfter(failed, random).orElseThrow();
      assertThat(delay)
          .as("seed %d, after %d failures", seed, failed)
          .isBetween(Duration.ZERO, policy.ceiling(failed));
    }
  }

  @Test
  void jitterSpreadsTheDelaysOverTheWholeRange() {
    long seed = new Random().nextLong();
    Random random = new Random(seed);
    long below = 0;
    long above = 0;
    for (int round = 0; round < 1_000; round++) {
      long millis = policy.delayAfter(7, random).orElseThrow().toMillis();
      if (millis < 500) {
        below++;
      }
      if (millis > 1500) {
        above++;
      }
    }
    assertThat(below).as("seed %d", seed).isGreaterThan(100);
    assertThat(above).as("seed %d", seed).isGreaterThan(100);
  }

  @Test
  void afterTheLastAttemptThereIsNoDelayButParking() {
    assertThat(policy.delayAfter(7, new Random(1))).isPresent();
    assertThat(policy.delayAfter(8, new Random(1))).isEqualTo(Optional.empty());
    assertThat(new RetryPolicy(Duration.ZERO, Duration.ZERO, 1).delayAfter(1, new Random(1)))
        .isEmpty();
  }

  @Test
  void anOperationFailingForMaxAgeIsParkedWhateverItsAttempts() {
    RetryPolicy young = policy.withMaxAge(Duration.ofHours(1));

    assertThat(young.delayAfter(2, Duration.ofMinutes(59), new Random(1))).isPresent();
    assertThat(young.delayAfter(2, Duration.ofHours(1), new Random(1))).isEmpty();
    assertThat(young.delayAfter(8, Duration.ZERO, new Random(1)))
        .as("maxAttempts still caps")
        .isEmpty();
  }

  @Test
  void theDefaultsBoundRetriesByADayRatherThanAFewAttempts() {
    RetryPolicy defaults = RetryPolicy.defaults();

    assertThat(defaults.maxAge()).isEqualTo(Duration.ofDays(1));
    assertThat(new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(2), 3).maxAge())
        .isEqualTo(RetryPolicy.DEFAULT_MAX_AGE);
    Duration expected = Duration.ZERO;
    for (int failed = 1; failed < defaults.maxAttempts(); failed++) {
      expected = expected.plus(defaults.ceiling(failed).dividedBy(2));
    }
    assertThat(expected)
        .as("on average, maxAttempts takes longer than maxAge: the age is the bound")
        .isGreaterThan(defaults.maxAge());
  }

  @Test
  void theSameSeedGivesTheSameDelays() {
    assertThat(policy.delayAfter(4, new Random(42)))
        .isEqualTo(policy.delayAfter(4, new Random(42)));
  }

  @Test
  void badSettingsAreRejected() {
    assertThatThrownBy(() -> new RetryPolicy(Duration.ofSeconds(2), Duration.ofSeconds(1), 3))
        .hasMessageContaining("below the base delay");
    assertThatThrownBy(() -> new RetryPolicy(Duration.ZERO, Duration.ZERO, 0))
        .hasMessageContaining("maxAttempts");
    assertThatThrownBy(() -> new RetryPolicy(Duration.ZERO, Duration.ZERO, 3, Duration.ZERO))
        .hasMessageContaining("maxAge");
  }
}
