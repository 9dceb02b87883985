package io.tenure.governance.certification;

import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a campaign reviews: the roles of one role name, the roles with entitlements on one target,
 * the people of one department, or everyone's roles.
 *
 * @param kind which kind of scope
 * @param value the role, target or department; null for everyone
 */
public record CampaignScope(Kind kind, @Nullable String value) {

  /** The kinds of scope. */
  public enum Kind {
    ROLE,
    TARGET,
    DEPARTMENT,
    EVERYONE
  }

  public CampaignScope {
    Objects.requireNonNull(kind, "kind");
    if ((kind == Kind.EVERYONE) != (value == null)) {
      throw new IllegalArgumentException(
          kind == Kind.EVERYONE
              ? "everyone takes no value"
              : "a " + name(kind) + " scope needs a name");
    }
    if (value != null && value.isBlank()) {
      throw new IllegalArgumentException("a " + name(kind) + " scope needs a name");
    }
  }

  public static CampaignScope everyone() {
    return new CampaignScope(Kind.EVERYONE, null);
  }

  /**
   * {@code role engineering}, {@code target directory}, {@code department Sales}, {@code everyone}.
   */
  public String describe() {
    return value == null ? "everyone" : name(kind) + " " + value;
  }

  /** Reads {@link #describe()}'s form back. */
  public static CampaignScope parse(String text) {
    if (text.equals("everyone")) {
      return everyone();
    }
    int space = text.indexOf(' ');
    if (space < 0) {
      throw new IllegalArgumentException("not a campaign scope: " + text);
    }
    return new CampaignScope(
        Kind.valueOf(text.substring(0, space).toUpperCase(Locale.ROOT)), text.substring(space + 1));
  }

  private static String name(Kind kind) {
    return kind.name().toLowerCase(Locale.ROOT);
  }
}
