package io.tenure.connector.spi;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Names an account on a target: by its account name (the naming attribute, such as {@code uid}),
 * and by the target's native id (a DN, a SCIM id) when known. Connectors use the native id when
 * present and fall back to the name.
 */
public record AccountReference(String name, @Nullable String nativeId) {

  public AccountReference {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("account name must not be blank");
    }
  }

  /** A reference by name only. */
  public static AccountReference named(String name) {
    return new AccountReference(name, null);
  }
}
