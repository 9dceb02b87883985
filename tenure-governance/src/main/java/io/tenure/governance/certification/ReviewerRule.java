package io.tenure.governance.certification;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Who reviews each item: the person's manager ({@code managerId}), the role's owners, or the named
 * people (employee ids), any of whom may decide.
 */
public record ReviewerRule(Kind kind, List<String> named) {

  /** The kinds of reviewer. */
  public enum Kind {
    MANAGER,
    OWNER,
    NAMED
  }

  public ReviewerRule {
    Objects.requireNonNull(kind, "kind");
    named = List.copyOf(named);
    if ((kind == Kind.NAMED) == named.isEmpty()) {
      throw new IllegalArgumentException("named reviewers need at least one employee id");
    }
  }

  /** {@code manager}, {@code owner} or a comma-separated list of employee ids. */
  public static ReviewerRule parse(String text) {
    String trimmed = text.strip();
    if (trimmed.equals("manager")) {
      return new ReviewerRule(Kind.MANAGER, List.of());
    }
    if (trimmed.equals("owner")) {
      return new ReviewerRule(Kind.OWNER, List.of());
    }
    List<String> ids =
        Arrays.stream(trimmed.split(",")).map(String::strip).filter(id -> !id.isEmpty()).toList();
    if (ids.isEmpty()) {
      throw new IllegalArgumentException(
          "--reviewers must be manager, owner or employee ids separated by commas, not '"
              + text
              + "'");
    }
    return new ReviewerRule(Kind.NAMED, ids);
  }

  /** The form {@link #parse} reads. */
  public String describe() {
    return switch (kind) {
      case MANAGER -> "manager";
      case OWNER -> "owner";
      case NAMED -> String.join(",", named);
    };
  }
}
