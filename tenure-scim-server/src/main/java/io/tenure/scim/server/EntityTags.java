package io.tenure.scim.server;

import com.unboundid.scim2.common.exceptions.PreconditionFailedException;
import org.jspecify.annotations.Nullable;

/** Entity tags ({@code ETag}, {@code If-Match}, {@code If-None-Match}), compared weakly. */
final class EntityTags {

  private EntityTags() {}

  /**
   * Refuses a write whose {@code If-Match} names none of the resource's current version (none, a
   * blank one or {@code *} matches every version).
   *
   * @param resourceType {@code User} or {@code Group}, for the message
   * @throws PreconditionFailedException 412, naming the current version
   */
  static void checkIfMatch(@Nullable String ifMatch, String version, String resourceType)
      throws PreconditionFailedException {
    if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
      return;
    }
    for (String tag : ifMatch.split(",")) {
      if (same(tag, version)) {
        return;
      }
    }
    throw new PreconditionFailedException(
        "the " + resourceType + " has changed: its version is " + version);
  }

  /** Whether a list of tags ({@code If-None-Match}) names the version, or is {@code *}. */
  static boolean namesVersion(String tags, String version) {
    for (String tag : tags.split(",")) {
      if (tag.strip().equals("*") || same(tag, version)) {
        return true;
      }
    }
    return false;
  }

  /** Whether two entity tags are the same (weak comparison). */
  static boolean same(String given, String version) {
    return opaque(given).equals(opaque(version));
  }

  private static String opaque(String tag) {
    String stripped = tag.strip();
    if (stripped.startsWith("W/")) {
      stripped = stripped.substring(2);
    }
    return stripped.replace("\"", "");
  }
}
