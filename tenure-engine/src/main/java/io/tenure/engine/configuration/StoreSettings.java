package io.tenure.engine.configuration;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Where the identity store lives: an external PostgreSQL when {@code url} is set, the embedded
 * PostgreSQL under the Tenure home otherwise. The password is a secret: never logged.
 *
 * @param embeddedIdleTimeout how long the embedded PostgreSQL stays up after the last command that
 *     used it ended ({@code store.embedded.idleTimeout}); zero stops it when the command that
 *     started it ends. Meaningless for an external store.
 */
public record StoreSettings(
    @Nullable String url,
    @Nullable String username,
    @Nullable String password,
    Duration embeddedIdleTimeout) {

  /** The embedded PostgreSQL stays up this long after its last command, unless configured. */
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(5);

  /** The environment variable that overrides {@code store.embedded.idleTimeout}. */
  public static final String IDLE_TIMEOUT_VARIABLE = "TENURE_STORE_IDLE_TIMEOUT";

  public StoreSettings {
    if (embeddedIdleTimeout.isNegative()) {
      throw new IllegalArgumentException("the idle timeout must not be negative");
    }
  }

  /** An external store (or the embedded one with the default idle timeout when url is null). */
  public StoreSettings(@Nullable String url, @Nullable String username, @Nullable String password) {
    this(url, username, password, DEFAULT_IDLE_TIMEOUT);
  }

  /** The embedded default. */
  public static StoreSettings embedded() {
    return new StoreSettings(null, null, null);
  }

  public Optional<String> externalUrl() {
    return Optional.ofNullable(url).filter(value -> !value.isBlank());
  }

  /** The same store with another idle timeout for the embedded PostgreSQL. */
  public StoreSettings withEmbeddedIdleTimeout(Duration timeout) {
    return new StoreSettings(url, username, password, timeout);
  }

  /**
   * These settings with the idle timeout that {@value #IDLE_TIMEOUT_VARIABLE} names, when the
   * environment sets it (it wins over the file).
   *
   * @throws IllegalArgumentException when the variable is neither an ISO-8601 duration nor {@code
   *     0} or {@code off}
   */
  public StoreSettings withIdleTimeoutFrom(Function<String, @Nullable String> environment) {
    String text = environment.apply(IDLE_TIMEOUT_VARIABLE);
    if (text == null || text.isBlank()) {
      return this;
    }
    return withEmbeddedIdleTimeout(parseIdleTimeout(text, IDLE_TIMEOUT_VARIABLE));
  }

  /**
   * An idle timeout: {@code 0} or {@code off} (stop when the command ends), or an ISO-8601 duration
   * such as {@code PT5M}.
   *
   * @param where the variable or key, for the message
   * @throws IllegalArgumentException when the text is none of those, or negative
   */
  public static Duration parseIdleTimeout(String text, String where) {
    String value = text.strip();
    if (value.equals("0") || value.toLowerCase(Locale.ROOT).equals("off")) {
      return Duration.ZERO;
    }
    try {
      Duration duration = Duration.parse(value);
      if (!duration.isNegative()) {
        return duration;
      }
    } catch (DateTimeParseException e) {
      // said below
    }
    throw new IllegalArgumentException(
        where
            + ": '"
            + value
            + "' is not an idle timeout: an ISO-8601 duration such as PT5M, or 0 or off");
  }

  @Override
  public String toString() {
    return "StoreSettings[url="
        + url
        + ", username="
        + username
        + ", password=******, embeddedIdleTimeout="
        + embeddedIdleTimeout
        + "]";
  }
}
