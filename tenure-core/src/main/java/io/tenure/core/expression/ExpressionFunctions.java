package io.tenure.core.expression;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;

/**
 * The functions Tenure adds to CEL, also callable from Java so that code outside expressions folds
 * names in exactly the same way.
 *
 * <ul>
 *   <li>{@code ascii(s)}: {@link #ascii(String)}
 *   <li>{@code username(s)}: {@link #username(String)}
 *   <li>{@code initial(s)}: {@link #initial(String)}
 * </ul>
 *
 * <p>All functions are pure, total (never fail) and return {@code ""} for {@code ""}.
 */
public final class ExpressionFunctions {

  /**
   * Letters that Unicode does not decompose into a base letter and marks, with their conventional
   * Latin transliteration.
   */
  private static final Map<Character, String> LETTERS_WITHOUT_DECOMPOSITION =
      Map.ofEntries(
          Map.entry('ß', "ss"),
          Map.entry('ẞ', "SS"),
          Map.entry('æ', "ae"),
          Map.entry('Æ', "AE"),
          Map.entry('ø', "o"),
          Map.entry('Ø', "O"),
          Map.entry('ł', "l"),
          Map.entry('Ł', "L"),
          Map.entry('đ', "d"),
          Map.entry('Đ', "D"),
          Map.entry('ð', "d"),
          Map.entry('Ð', "D"),
          Map.entry('þ', "th"),
          Map.entry('Þ', "TH"),
          Map.entry('œ', "oe"),
          Map.entry('Œ', "OE"),
          Map.entry('ı', "i"),
          Map.entry('ħ', "h"),
          Map.entry('Ħ', "H"),
          Map.entry('ŧ', "t"),
          Map.entry('Ŧ', "T"),
          Map.entry('ŋ', "n"),
          Map.entry('Ŋ', "N"),
          Map.entry('ĸ', "k"));

  private ExpressionFunctions() {}

  /**
   * Folds text to ASCII: compatibility decomposition (NFKD, so accented letters, ligatures such as
   * {@code ﬁ} and full-width letters become their base letters), removal of combining marks,
   * explicit transliteration of letters that do not decompose ({@code ß → ss}, {@code æ → ae},
   * {@code Æ → AE}, {@code ø → o}, {@code Ø → O}, {@code ł → l}, {@code Ł → L}, {@code đ → d},
   * {@code þ → th}, {@code œ → oe}, and a few more), and finally removal of every character still
   * outside ASCII (so characters with no Latin form, such as {@code 李}, are dropped). ASCII
   * characters, including punctuation and spaces, are kept as they are; case is kept.
   *
   * <p>Examples: {@code Zoë → Zoe}, {@code Ñúñez → Nunez}, {@code Øyvind → Oyvind}, {@code straße →
   * strasse}, {@code 李小龍 → ""}.
   */
  public static String ascii(String text) {
    if (isAscii(text)) {
      return text;
    }
    String decomposed = Normalizer.normalize(text, Normalizer.Form.NFKD);
    StringBuilder folded = new StringBuilder(decomposed.length());
    for (int index = 0; index < decomposed.length(); index++) {
      char character = decomposed.charAt(index);
      if (character < 0x80) {
        folded.append(character);
      } else {
        String replacement = LETTERS_WITHOUT_DECOMPOSITION.get(character);
        if (replacement != null) {
          folded.append(replacement);
        }
      }
    }
    return folded.toString();
  }

  /**
   * Folds text to a conventional account name: {@link #ascii(String)}, lower-cased, keeping only
   * {@code a-z} and {@code 0-9}. Examples: {@code O'Brien → obrien}, {@code Łukasz → lukasz},
   * {@code 李小龍 → ""}.
   */
  public static String username(String text) {
    String ascii = ascii(text).toLowerCase(Locale.ROOT);
    StringBuilder kept = new StringBuilder(ascii.length());
    for (int index = 0; index < ascii.length(); index++) {
      char character = ascii.charAt(index);
      if ((character >= 'a' && character <= 'z') || (character >= '0' && character <= '9')) {
        kept.append(character);
      }
    }
    return kept.toString();
  }

  /**
   * The first letter of the text (the first code point that is a Unicode letter, skipping anything
   * before it), unchanged; {@code ""} if the text has no letter. Examples: {@code Zoë → Z}, {@code
   * Øyvind → Ø}, {@code " anna" → a}, {@code 李小龍 → 李}. Combine with {@code ascii} or {@code
   * username} to fold it.
   */
  public static String initial(String text) {
    int index = 0;
    while (index < text.length()) {
      int codePoint = text.codePointAt(index);
      if (Character.isLetter(codePoint)) {
        return new String(Character.toChars(codePoint));
      }
      index += Character.charCount(codePoint);
    }
    return "";
  }

  private static boolean isAscii(String text) {
    for (int index = 0; index < text.length(); index++) {
      if (text.charAt(index) >= 0x80) {
        return false;
      }
    }
    return true;
  }
}
