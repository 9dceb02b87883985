package io.tenure.connector.connid;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * How a plain name (an account name, an entitlement name) becomes the value a bundle expects, and
 * back: the template with its single {@code {name}} replaced by the name, escaped as the {@link
 * Escaping} says. {@code uid={name},ou=people,dc=example,dc=com} with {@link Escaping#DN} gives the
 * DN an LDAP bundle takes as {@code __NAME__}. Immutable.
 *
 * @param template text with exactly one {@code {name}}
 * @param escaping how the name is escaped inside the template
 */
record NameTemplate(String template, Escaping escaping) {

  /** The placeholder a template contains once. */
  static final String PLACEHOLDER = "{name}";

  /** The template that passes names through unchanged. */
  static final NameTemplate IDENTITY = new NameTemplate(PLACEHOLDER, Escaping.NONE);

  /** How a name is escaped inside the template. */
  enum Escaping {
    /** The name is inserted as it is. */
    NONE,
    /** The name is an LDAP attribute value inside a DN, escaped as RFC 4514 says. */
    DN
  }

  /**
   * @throws IllegalArgumentException unless the template contains {@code {name}} exactly once
   */
  NameTemplate {
    int first = template.indexOf(PLACEHOLDER);
    if (first < 0 || template.indexOf(PLACEHOLDER, first + 1) >= 0) {
      throw new IllegalArgumentException("must contain " + PLACEHOLDER + " exactly once");
    }
  }

  /** True for the template that changes nothing. */
  boolean isIdentity() {
    return template.equals(PLACEHOLDER) && escaping == Escaping.NONE;
  }

  /** The bundle's value for the name. */
  String format(String name) {
    String escaped = escaping == Escaping.DN ? escapeDnValue(name) : name;
    return prefix() + escaped + suffix();
  }

  /**
   * The name inside a value made by this template (the prefix and suffix compared ignoring case),
   * or empty when the value does not have the template's shape.
   */
  Optional<String> parse(String value) {
    String prefix = prefix();
    String suffix = suffix();
    if (value.length() < prefix.length() + suffix.length()
        || !value.regionMatches(true, 0, prefix, 0, prefix.length())
        || !value.regionMatches(
            true, value.length() - suffix.length(), suffix, 0, suffix.length())) {
      return Optional.empty();
    }
    String inner = value.substring(prefix.length(), value.length() - suffix.length());
    if (escaping == Escaping.NONE) {
      return Optional.of(inner);
    }
    return unescapeDnValue(inner);
  }

  private String prefix() {
    return template.substring(0, template.indexOf(PLACEHOLDER));
  }

  private String suffix() {
    return template.substring(template.indexOf(PLACEHOLDER) + PLACEHOLDER.length());
  }

  /**
   * Escapes an attribute value for a DN string (RFC 4514 section 2.4): the special characters, a
   * leading {@code #} or space and a trailing space get a backslash; {@code =} too, which some
   * parsers need.
   */
  static String escapeDnValue(String value) {
    StringBuilder escaped = new StringBuilder(value.length() + 8);
    for (int index = 0; index < value.length(); index++) {
      char character = value.charAt(index);
      boolean special = ",+\"\\<>;=".indexOf(character) >= 0;
      boolean leading = index == 0 && (character == '#' || character == ' ');
      boolean trailing = index == value.length() - 1 && character == ' ';
      if (character == '\0') {
        escaped.append("\\00");
      } else {
        if (special || leading || trailing) {
          escaped.append('\\');
        }
        escaped.append(character);
      }
    }
    return escaped.toString();
  }

  /**
   * Reverses {@link #escapeDnValue} and also reads the {@code \XX} hexadecimal escapes (UTF-8
   * bytes) a server may answer with; empty for a malformed value.
   */
  static Optional<String> unescapeDnValue(String value) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(value.length());
    for (int index = 0; index < value.length(); index++) {
      char character = value.charAt(index);
      if (character != '\\') {
        int end = index + Character.charCount(value.codePointAt(index));
        bytes.writeBytes(value.substring(index, end).getBytes(StandardCharsets.UTF_8));
        index = end - 1;
        continue;
      }
      if (index + 1 >= value.length()) {
        return Optional.empty();
      }
      char next = value.charAt(index + 1);
      if (index + 2 < value.length() && isHex(next) && isHex(value.charAt(index + 2))) {
        bytes.write(
            Integer.parseInt(value.substring(index + 1, index + 3).toLowerCase(Locale.ROOT), 16));
        index += 2;
      } else {
        bytes.writeBytes(String.valueOf(next).getBytes(StandardCharsets.UTF_8));
        index++;
      }
    }
    return Optional.of(bytes.toString(StandardCharsets.UTF_8));
  }

  private static boolean isHex(char character) {
    return Character.digit(character, 16) >= 0;
  }
}
