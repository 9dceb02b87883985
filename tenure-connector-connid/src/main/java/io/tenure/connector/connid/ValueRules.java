package io.tenure.connector.connid;

import io.tenure.connector.spi.ErrorKind;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a bundle can hold faithfully, checked before anything is sent to it, and how several values
 * are written to a bundle that keeps them in one.
 *
 * <p>Names (of accounts and entitlements) must not be blank nor contain control characters, broken
 * UTF-16 or any of {@code nameRejectCharacters} (for a bundle that mangles them in names: ConnId
 * LDAP 1.5.10 loses the escaping of {@code "} and {@code \} in DNs). Names and values must not
 * contain any of {@code valueRejectCharacters} (for a bundle that cannot carry them at all, such as
 * csvdir, which puts values between single quotes in SQL without escaping them). When {@code
 * joinWith} is set, several values of one attribute are written as one value joined with it
 * (csvdir's {@code multivalueSeparator}, which it splits on reading), so a value must not contain
 * it. When {@code rejectSurroundingSpaces}, names and values must not start or end with white space
 * (for a bundle that trims values: csvdir 0.8.10 trims every column but its key). Every refusal is
 * INVALID_INPUT. Immutable.
 *
 * @param nameRejectCharacters characters refused in names; empty for none
 * @param valueRejectCharacters characters refused in names and values; empty for none
 * @param joinWith the separator several values are joined with, or null to send them as they are
 * @param rejectSurroundingSpaces whether white space at either end of a name or value is refused
 */
record ValueRules(
    String nameRejectCharacters,
    String valueRejectCharacters,
    @Nullable String joinWith,
    boolean rejectSurroundingSpaces) {

  /** No extra rule: only the name checks. */
  static final ValueRules NONE = new ValueRules("", "", null, false);

  ValueRules {
    if (joinWith != null && joinWith.isEmpty()) {
      throw new IllegalArgumentException("joinWith must not be empty");
    }
  }

  /**
   * Checks a name.
   *
   * @param what "account name" or "entitlement", for the message
   * @throws io.tenure.connector.spi.ConnectorException INVALID_INPUT naming the problem
   */
  void checkName(ConnIdErrors errors, String what, String name) {
    boolean broken = name.isBlank();
    for (int index = 0; index < name.length() && !broken; index++) {
      char character = name.charAt(index);
      if (Character.isISOControl(character)) {
        broken = true;
      } else if (Character.isHighSurrogate(character)) {
        broken = index + 1 >= name.length() || !Character.isLowSurrogate(name.charAt(++index));
      } else if (Character.isLowSurrogate(character)) {
        broken = true;
      }
    }
    if (broken) {
      throw errors.failure(
          ErrorKind.INVALID_INPUT,
          what + " must not be blank nor contain control characters or broken UTF-16");
    }
    refuse(errors, what, name, nameRejectCharacters);
    checkValue(errors, what, name);
  }

  /**
   * Checks a value of an attribute.
   *
   * @throws io.tenure.connector.spi.ConnectorException INVALID_INPUT naming the attribute
   */
  void checkValue(ConnIdErrors errors, String attribute, String value) {
    refuse(errors, attribute, value, valueRejectCharacters);
    if (rejectSurroundingSpaces && !value.equals(value.strip())) {
      throw errors.failure(
          ErrorKind.INVALID_INPUT,
          attribute + ": the bundle trims values, so one must not start or end with white space");
    }
    if (joinWith != null && value.contains(joinWith)) {
      throw errors.failure(
          ErrorKind.INVALID_INPUT,
          attribute + ": a value must not contain the separator '" + joinWith + "'");
    }
  }

  private static void refuse(ConnIdErrors errors, String what, String text, String refused) {
    for (int index = 0; index < text.length(); index++) {
      char character = text.charAt(index);
      if (refused.indexOf(character) >= 0) {
        throw errors.failure(
            ErrorKind.INVALID_INPUT,
            what + ": the bundle cannot hold the character '" + character + "'");
      }
    }
  }

  /** The values as the bundle takes them: checked, then joined into one when {@code joinWith}. */
  List<Object> outgoing(ConnIdErrors errors, String attribute, List<String> values) {
    for (String value : values) {
      checkValue(errors, attribute, value);
    }
    if (joinWith != null && values.size() > 1) {
      return List.of(String.join(joinWith, values));
    }
    return new ArrayList<>(values);
  }
}
