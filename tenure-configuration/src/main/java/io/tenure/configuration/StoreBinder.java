package io.tenure.configuration;

import static io.tenure.configuration.NodeReader.quote;

import io.tenure.engine.configuration.StoreSettings;
import java.time.Duration;
import java.util.Set;

/**
 * {@code store: {url, username, password}}: an external PostgreSQL; without the section (or without
 * a url), the embedded one, whose {@code embedded: {idleTimeout: PT5M}} says how long it stays up
 * after the last command that used it ({@code 0} or {@code off}: it stops with the command).
 */
final class StoreBinder {

  private static final Set<String> KEYS = Set.of("url", "username", "password", "embedded");

  private StoreBinder() {}

  static StoreSettings bind(MappingReader top) {
    MappingReader store = top.optionalMapping("store");
    if (store == null) {
      return StoreSettings.embedded();
    }
    store.onlyKeys(KEYS);
    String url = store.optionalString("url");
    if (url != null && !url.startsWith("jdbc:postgresql:")) {
      store.problemAt(
          "url",
          quote(url) + " is not a PostgreSQL JDBC URL such as jdbc:postgresql://host:5432/tenure");
    }
    return new StoreSettings(
        url,
        store.optionalString("username"),
        store.optionalString("password"),
        idleTimeout(store));
  }

  private static Duration idleTimeout(MappingReader store) {
    MappingReader embedded = store.optionalMapping("embedded");
    if (embedded == null) {
      return StoreSettings.DEFAULT_IDLE_TIMEOUT;
    }
    embedded.onlyKeys(Set.of("idleTimeout"));
    String text = embedded.optionalString("idleTimeout");
    if (text == null) {
      return StoreSettings.DEFAULT_IDLE_TIMEOUT;
    }
    try {
      return StoreSettings.parseIdleTimeout(text, "idleTimeout");
    } catch (IllegalArgumentException e) {
      embedded.problemAt(
          "idleTimeout", quote(text) + " is not an ISO-8601 duration such as PT5M, nor 0 or off");
      return StoreSettings.DEFAULT_IDLE_TIMEOUT;
    }
  }
}
