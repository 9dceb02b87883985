package io.tenure.configuration;

import static io.tenure.configuration.NodeReader.quote;

import io.tenure.engine.configuration.StoreSettings;
import java.util.Set;

/**
 * {@code store: {url, username, password}}: an external PostgreSQL; without the section, the
 * embedded one.
 */
final class StoreBinder {

  private static final Set<String> KEYS = Set.of("url", "username", "password");

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
        url, store.optionalString("username"), store.optionalString("password"));
  }
}
