package io.tenure.connector.connid;

import java.io.File;
import java.lang.reflect.Array;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.identityconnectors.common.security.GuardedByteArray;
import org.identityconnectors.common.security.GuardedString;

/**
 * Converts the text of a {@code configuration.*} setting to the type a bundle's configuration
 * property declares: {@code String}, {@code char}, {@code int}, {@code long}, {@code double},
 * {@code float}, {@code boolean} (and their boxes), {@link URI}, {@link File}, {@link
 * GuardedString} (the text), {@link GuardedByteArray} (base64), and arrays of these. An array is
 * written as a comma-separated list; a comma or backslash inside an item is preceded by a backslash
 * ({@code dc=example\,dc=com}). Problems are reported without the value, which may be a secret.
 */
final class PropertyValues {

  private PropertyValues() {}

  /**
   * The value of the declared type.
   *
   * @param type the property's declared type
   * @param text the setting's text; for an array, its items as {@link #items} splits them
   * @throws IllegalArgumentException saying what is wrong, without the value
   */
  static Object convert(Class<?> type, String text) {
    if (type.isArray()) {
      List<String> items = items(text);
      Object array = Array.newInstance(type.getComponentType(), items.size());
      for (int index = 0; index < items.size(); index++) {
        Array.set(array, index, single(type.getComponentType(), items.get(index)));
      }
      return array;
    }
    return single(type, text);
  }

  /**
   * The items of a comma-separated list; {@code \,} and {@code \\} stand for a comma and a
   * backslash.
   */
  static List<String> items(String text) {
    List<String> items = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (int index = 0; index < text.length(); index++) {
      char character = text.charAt(index);
      if (character == '\\' && index + 1 < text.length()) {
        current.append(text.charAt(++index));
      } else if (character == ',') {
        addItem(items, current);
      } else {
        current.append(character);
      }
    }
    addItem(items, current);
    return items;
  }

  private static void addItem(List<String> items, StringBuilder current) {
    String item = current.toString().trim();
    if (!item.isEmpty()) {
      items.add(item);
    }
    current.setLength(0);
  }

  private static Object single(Class<?> type, String text) {
    String trimmed = text.trim();
    try {
      if (type == String.class) {
        return text;
      }
      if (type == GuardedString.class) {
        return new GuardedString(text.toCharArray());
      }
      if (type == GuardedByteArray.class) {
        return new GuardedByteArray(Base64.getDecoder().decode(trimmed));
      }
      if (type == char.class || type == Character.class) {
        return character(text);
      }
      if (type == int.class || type == Integer.class) {
        return Integer.valueOf(trimmed);
      }
      if (type == long.class || type == Long.class) {
        return Long.valueOf(trimmed);
      }
      if (type == double.class || type == Double.class) {
        return Double.valueOf(trimmed);
      }
      if (type == float.class || type == Float.class) {
        return Float.valueOf(trimmed);
      }
      if (type == boolean.class || type == Boolean.class) {
        return bool(trimmed);
      }
      if (type == URI.class) {
        return new URI(trimmed);
      }
      if (type == File.class) {
        return new File(trimmed);
      }
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("must be a number (" + type.getSimpleName() + ")");
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("must be a URI");
    } catch (IllegalArgumentException e) {
      if (type == GuardedByteArray.class) {
        throw new IllegalArgumentException("must be base64");
      }
      throw e;
    }
    throw new IllegalArgumentException(
        "has the type " + type.getName() + ", which Tenure cannot set from text");
  }

  private static char character(String text) {
    if (text.equals("\\t") || text.equalsIgnoreCase("tab")) {
      return '\t';
    }
    if (text.length() != 1) {
      throw new IllegalArgumentException("must be a single character (or 'tab')");
    }
    return text.charAt(0);
  }

  private static boolean bool(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    if (!lower.equals("true") && !lower.equals("false")) {
      throw new IllegalArgumentException("must be true or false");
    }
    return Boolean.parseBoolean(lower);
  }
}
