package io.tenure.connector.scim;

import com.unboundid.scim2.common.exceptions.ScimException;
import com.unboundid.scim2.common.messages.ErrorResponse;
import io.tenure.connector.spi.ConnectorException;
import io.tenure.connector.spi.ErrorKind;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Runs one SCIM call: retries it within bounds while the provider answers 429 or 503 (waiting as
 * its {@code Retry-After} says), and turns every failure into a classified {@link
 * ConnectorException} whose message names the target and the action but never a secret.
 */
final class ScimCalls {

  /** One request to the provider. */
  interface ScimCall<T> {
    T run() throws ScimException;
  }

  private final String targetName;
  private final Clock clock;
  private final Sleeper sleeper;
  private final int maxAttempts;
  private final Duration maxWait;
  private final Duration defaultWait;

  ScimCalls(
      String targetName,
      Clock clock,
      Sleeper sleeper,
      int maxAttempts,
      Duration maxWait,
      Duration defaultWait) {
    this.targetName = targetName;
    this.clock = clock;
    this.sleeper = sleeper;
    this.maxAttempts = maxAttempts;
    this.maxWait = maxWait;
    this.defaultWait = defaultWait;
  }

  /**
   * Runs the call.
   *
   * @param action what the call does, for messages ("create of account 'alice'")
   */
  <T> T execute(String action, ScimCall<T> call) {
    for (int attempt = 1; ; attempt++) {
      try {
        return call.run();
      } catch (ScimException e) {
        throw fromScimException(action, e);
      } catch (ProcessingException | WebApplicationException e) {
        ThrottledResponse throttled = throttled(e);
        if (throttled == null) {
          ErrorKind kind = ScimErrors.classifyTransport(e);
          throw new ConnectorException(
              kind, prefix(action) + "failed: " + e.getClass().getSimpleName(), e);
        }
        Optional<Duration> wait = retryWait(throttled.retryAfter());
        String busy = prefix(action) + "the provider is busy (HTTP " + throttled.status() + ")";
        if (wait.isEmpty() || wait.get().compareTo(maxWait) > 0) {
          throw new ConnectorException(
              ErrorKind.BUSY, busy + ", asked to retry later than " + maxWait.toSeconds() + " s");
        }
        if (attempt >= maxAttempts) {
          throw new ConnectorException(ErrorKind.BUSY, busy + " after " + attempt + " attempt(s)");
        }
        try {
          sleeper.sleep(wait.get());
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw new ConnectorException(ErrorKind.BUSY, busy + "; interrupted while waiting");
        }
      } catch (ConnectorException e) {
        throw e;
      } catch (IllegalArgumentException e) {
        // JAX-RS refuses a value it cannot put in a URI (a template brace, for example)
        throw new ConnectorException(
            ErrorKind.INVALID_INPUT, prefix(action) + "failed: the request cannot be built", e);
      } catch (RuntimeException e) {
        throw new ConnectorException(
            ErrorKind.OTHER, prefix(action) + "failed: " + e.getClass().getSimpleName(), e);
      }
    }
  }

  /** A classified exception for an error answer. */
  ConnectorException fromScimException(String action, ScimException e) {
    ErrorResponse error = e.getScimError();
    return fromError(
        action,
        error.getStatus() == null ? 500 : error.getStatus(),
        error.getScimType(),
        error.getDetail(),
        e);
  }

  /** A classified exception for an error answer given by its status, scimType and detail. */
  ConnectorException fromError(
      String action,
      int status,
      @Nullable String scimType,
      @Nullable String detail,
      @Nullable Throwable cause) {
    StringBuilder message = new StringBuilder(prefix(action)).append("HTTP ").append(status);
    if (scimType != null) {
      message.append(" (").append(scimType).append(')');
    }
    if (detail != null) {
      message.append(": ").append(detail.length() > 300 ? detail.substring(0, 300) : detail);
    }
    return new ConnectorException(ScimErrors.classify(status, scimType), message.toString(), cause);
  }

  /**
   * How long to wait before retrying, from a {@code Retry-After} header: delta-seconds or an
   * HTTP-date; the default wait when absent or unreadable. Empty never; the optional only keeps the
   * door open for providers that forbid retrying.
   */
  Optional<Duration> retryWait(@Nullable String retryAfter) {
    if (retryAfter == null || retryAfter.isBlank()) {
      return Optional.of(defaultWait);
    }
    String value = retryAfter.strip();
    try {
      long seconds = Long.parseLong(value);
      return Optional.of(Duration.ofSeconds(Math.max(0, seconds)));
    } catch (NumberFormatException notSeconds) {
      try {
        ZonedDateTime when = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration wait = Duration.between(clock.instant(), when.toInstant());
        return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
      } catch (DateTimeParseException notDate) {
        return Optional.of(defaultWait);
      }
    }
  }

  private String prefix(String action) {
    return "target '" + targetName + "': " + action + " ";
  }

  private static @Nullable ThrottledResponse throttled(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof ThrottledResponse throttled) {
        return throttled;
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return null;
  }
}
