package io.tenure.server.story;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

/**
 * The clocks of a story told in named moments ("the review day", "the day after the deadline"). The
 * first command run at a moment gets a clock that starts there and runs on with real time; every
 * later command at the same moment gets that same clock, so time never goes back between two
 * commands: what one command recorded is never in the next one's future. (A fresh clock per command
 * would restart at the moment each time, and a campaign started a second after a request could read
 * a time before the request's assignment began.)
 */
public final class StoryClock {

  private final Map<Instant, Clock> clocks = new HashMap<>();

  /**
   * The clock of a moment: at the moment when first asked for, running on from there.
   *
   * @param moment the story's moment
   * @return the same clock for every call with an equal moment, in UTC
   */
  public synchronized Clock at(Instant moment) {
    return clocks.computeIfAbsent(
        moment,
        start ->
            Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), start))
                .withZone(ZoneOffset.UTC));
  }
}
