package io.tenure.engine.configuration;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Where the identity store lives: an external PostgreSQL when {@code url} is set, the embedded
 * PostgreSQL under the Tenure home otherwise. The password is a secret: never logged.
 */
public record StoreSettings(
    @Nullable String url, @Nullable String username, @Nullable String password) {

  /** The embedded default. */
  public static StoreSettings embedded() {
    return new StoreSettings(null, null, null);
  }

  public Optional<String> externalUrl() {
    return Optional.ofNullable(url).filter(value -> !value.isBlank());
  }

  @Override
  public String toString() {
    return "StoreSettings[url=" + url + ", username=" + username + ", password=******]";
  }
}
