package io.tenure.configuration;

import java.util.Optional;

/**
 * Checks a {@code scim.mapping} entry against the SCIM User schemas, which the SCIM server knows:
 * what is wrong with reading identity attribute {@code attribute} from SCIM attribute path {@code
 * path}, or empty when it can work.
 */
@FunctionalInterface
public interface ScimPathCheck {

  Optional<String> problem(String attribute, String path);

  /** Accepts every path (for tools and tests that run no SCIM server). */
  static ScimPathCheck none() {
    return (attribute, path) -> Optional.empty();
  }
}
