package io.tenure.scim.server.store;

import com.unboundid.scim2.common.exceptions.BadRequestException;
import io.tenure.core.source.ControlCharacters;

/**
 * The bounds of a SCIM filter (or of a path with a value filter), checked on its text before it is
 * parsed, so that a hostile filter costs a request thread nothing: at most {@value #MAX_LENGTH}
 * characters, {@value #MAX_CLAUSES} clauses (comparisons joined by {@code and} / {@code or}) and
 * {@value #MAX_DEPTH} levels of parentheses and value-filter brackets, and no control character
 * ({@link ControlCharacters}; the store cannot compare with a NUL). The check is one pass over the
 * text, reading quoted strings as the filter grammar does (a {@code \"} inside quotes does not end
 * them). A filter within the bounds may still be invalid: the parser reports that.
 */
public final class FilterLimits {

  /** The longest filter accepted, in characters. */
  public static final int MAX_LENGTH = 10_000;

  /**
   * The most clauses a filter may join: enough to look up a full page ({@code maxResults} 200) of
   * resources by id with {@code or}.
   */
  public static final int MAX_CLAUSES = 200;

  /** The deepest nesting of parentheses and value-filter brackets. */
  public static final int MAX_DEPTH = 32;

  private FilterLimits() {}

  /**
   * Refuses a filter beyond the bounds.
   *
   * @param what what the text is, for the message ({@code filter}, {@code path})
   * @throws BadRequestException invalidFilter naming the bound exceeded
   */
  public static void check(String text, String what) throws BadRequestException {
    if (text.length() > MAX_LENGTH) {
      throw BadRequestException.invalidFilter(
          "the "
              + what
              + " is "
              + text.length()
              + " characters long; at most "
              + MAX_LENGTH
              + " are accepted");
    }
    int clauses = 1;
    int depth = 0;
    boolean quoted = false;
    for (int index = 0; index < text.length(); index++) {
      char character = text.charAt(index);
      if (ControlCharacters.forbidden(character)) {
        throw BadRequestException.invalidFilter(
            "the " + what + " " + ControlCharacters.describe(character));
      }
      if (quoted) {
        if (character == '\\') {
          index++;
        } else if (character == '"') {
          quoted = false;
        }
        continue;
      }
      switch (character) {
        case '"' -> quoted = true;
        case '(', '[' -> {
          depth++;
          if (depth > MAX_DEPTH) {
            throw BadRequestException.invalidFilter(
                "the "
                    + what
                    + " nests parentheses or brackets more than "
                    + MAX_DEPTH
                    + " levels deep");
          }
        }
        case ')', ']' -> depth = Math.max(0, depth - 1);
        default -> {
          if (isWordStart(text, index) && (word(text, index, "and") || word(text, index, "or"))) {
            clauses++;
            if (clauses > MAX_CLAUSES) {
              throw BadRequestException.invalidFilter(
                  "the " + what + " joins more than " + MAX_CLAUSES + " clauses");
            }
          }
        }
      }
    }
  }

  private static boolean isWordStart(String text, int index) {
    return index == 0 || !isNamePart(text.charAt(index - 1));
  }

  /** Whether the word (in any case) stands at the index as a word of its own. */
  private static boolean word(String text, int index, String word) {
    int end = index + word.length();
    return text.regionMatches(true, index, word, 0, word.length())
        && (end == text.length() || !isNamePart(text.charAt(end)));
  }

  /** Whether the character may be part of an attribute path ({@code urn:...:x.$ref}). */
  private static boolean isNamePart(char character) {
    return Character.isLetterOrDigit(character) || "_-$.:".indexOf(character) >= 0;
  }
}
