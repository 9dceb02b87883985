package io.tenure.engine.reconciliation;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Which orphan accounts of a target an orphan remedy may touch, by account name: those that match
 * at least one {@code include} pattern (every name when there is none) and no {@code exclude}
 * pattern. Patterns are globs compared ignoring case: {@code *} is any run of characters, {@code ?}
 * one character, everything else itself ({@code svc-*}, {@code *-admin}, {@code u?????}).
 *
 * <p>Orphans outside the scope are still reported, never disabled or deleted. An orphan remedy
 * other than {@link Remedy#REPORT} needs a scope that says something ({@link #isConfigured()}), so
 * that service and administrator accounts are never locked because nobody thought of them.
 *
 * @param include the names an orphan remedy may touch; empty for every name
 * @param exclude the names it must never touch
 */
public record OrphanScope(List<String> include, List<String> exclude) {

  public OrphanScope {
    include = List.copyOf(include);
    exclude = List.copyOf(exclude);
    for (String pattern : include) {
      requireUsable(pattern);
    }
    for (String pattern : exclude) {
      requireUsable(pattern);
    }
  }

  /** No include and no exclude pattern: every orphan, and a remedy may not rely on it. */
  public static OrphanScope unset() {
    return new OrphanScope(List.of(), List.of());
  }

  /** Whether the scope names any pattern. */
  public boolean isConfigured() {
    return !include.isEmpty() || !exclude.isEmpty();
  }

  /** Whether an orphan remedy may touch the account with this name. */
  public boolean contains(String accountName) {
    boolean included = include.isEmpty() || include.stream().anyMatch(p -> matches(p, accountName));
    return included && exclude.stream().noneMatch(p -> matches(p, accountName));
  }

  static boolean matches(String glob, String name) {
    StringBuilder regex = new StringBuilder();
    for (char character : glob.toCharArray()) {
      if (character == '*') {
        regex.append(".*");
      } else if (character == '?') {
        regex.append('.');
      } else {
        regex.append(Pattern.quote(String.valueOf(character)));
      }
    }
    return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE)
        .matcher(name)
        .matches();
  }

  private static void requireUsable(String pattern) {
    if (pattern.isBlank()) {
      throw new IllegalArgumentException("an orphan scope pattern must not be blank");
    }
  }

  @Override
  public String toString() {
    return "include "
        + (include.isEmpty() ? "*" : String.join(", ", include))
        + (exclude.isEmpty() ? "" : ", exclude " + String.join(", ", exclude));
  }
}
