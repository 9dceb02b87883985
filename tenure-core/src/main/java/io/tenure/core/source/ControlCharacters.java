package io.tenure.core.source;

import java.util.Locale;
import java.util.OptionalInt;

/**
 * The control characters a source value never brings into an identity attribute, and that never
 * reach a target attribute: every C0 control (U+0000 to U+001F) except tab, line feed and carriage
 * return, DEL (U+007F), and every C1 control (U+0080 to U+009F). Tab, line feed and carriage return
 * are kept: a quoted CSV field legitimately holds them (a postal address on two lines), and leading
 * and trailing ones are stripped anyway. The store cannot hold a NUL at all; the others are
 * invisible, break LDAP and SCIM values, or show a file read in the wrong encoding (C1 controls are
 * windows-1252 letters read as ISO-8859-1).
 */
public final class ControlCharacters {

  private ControlCharacters() {}

  /** The first forbidden control character of the value, if it has one. */
  public static OptionalInt first(String value) {
    for (int index = 0; index < value.length(); index++) {
      char character = value.charAt(index);
      if (forbidden(character)) {
        return OptionalInt.of(character);
      }
    }
    return OptionalInt.empty();
  }

  /** Whether the character is one of the forbidden control characters. */
  public static boolean forbidden(char character) {
    if (character == '\t' || character == '\n' || character == '\r') {
      return false;
    }
    return character < 0x20 || (character >= 0x7F && character <= 0x9F);
  }

  /** The value without its forbidden control characters (the value itself if it has none). */
  public static String removed(String value) {
    if (first(value).isEmpty()) {
      return value;
    }
    StringBuilder kept = new StringBuilder(value.length());
    for (int index = 0; index < value.length(); index++) {
      char character = value.charAt(index);
      if (!forbidden(character)) {
        kept.append(character);
      }
    }
    return kept.toString();
  }

  /** For example {@code contains a NUL character (U+0000)}, {@code contains the control ...}. */
  public static String describe(int character) {
    String code = String.format(Locale.ROOT, "U+%04X", character);
    return character == 0
        ? "contains a NUL character (" + code + ")"
        : "contains the control character " + code;
  }

  /** Whether the character is a C1 control, a windows-1252 letter when read as ISO-8859-1. */
  public static boolean isC1(int character) {
    return character >= 0x80 && character <= 0x9F;
  }
}
