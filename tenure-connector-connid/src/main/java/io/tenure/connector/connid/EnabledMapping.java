package io.tenure.connector.connid;

import java.util.List;
import java.util.Locale;
import org.identityconnectors.framework.common.objects.Attribute;
import org.identityconnectors.framework.common.objects.AttributeBuilder;
import org.identityconnectors.framework.common.objects.ConnectorObject;
import org.identityconnectors.framework.common.objects.OperationalAttributes;
import org.jspecify.annotations.Nullable;

/**
 * How an account's enabled flag is read from and written to the bundle. Three ways:
 *
 * <ul>
 *   <li>{@link Style#OPERATIONAL}: ConnId's boolean {@code __ENABLE__}; an account without it is
 *       enabled.
 *   <li>{@link Style#ATTRIBUTE}: a plain attribute; the account is disabled while it holds {@code
 *       disabledValue} (compared ignoring case). Disabling writes that value; enabling writes
 *       {@code enabledValue}, or removes the attribute when there is none. OpenLDAP's ppolicy lock
 *       {@code pwdAccountLockedTime = 000001010000Z} is such an attribute.
 *   <li>{@link Style#NONE}: the target has no such flag; every account reads as enabled and the
 *       connector has no enable/disable capability.
 * </ul>
 *
 * Immutable.
 *
 * @param style which of the three
 * @param attribute the attribute ({@code __ENABLE__} for the operational style)
 * @param disabledValue the value that marks a disabled account (attribute style)
 * @param enabledValue the value written to enable (attribute style), or null to remove the
 *     attribute
 */
record EnabledMapping(
    Style style, String attribute, @Nullable String disabledValue, @Nullable String enabledValue) {

  /** The three ways. */
  enum Style {
    OPERATIONAL,
    ATTRIBUTE,
    NONE
  }

  /** ConnId's {@code __ENABLE__}. */
  static final EnabledMapping OPERATIONAL =
      new EnabledMapping(Style.OPERATIONAL, OperationalAttributes.ENABLE_NAME, null, null);

  /** No enabled flag. */
  static final EnabledMapping NONE = new EnabledMapping(Style.NONE, "", null, null);

  EnabledMapping {
    if (style == Style.ATTRIBUTE && disabledValue == null) {
      throw new IllegalArgumentException("the attribute style needs a disabled value");
    }
  }

  /** A plain attribute that holds {@code disabledValue} while the account is disabled. */
  static EnabledMapping attribute(
      String attribute, String disabledValue, @Nullable String enabledValue) {
    return new EnabledMapping(Style.ATTRIBUTE, attribute, disabledValue, enabledValue);
  }

  /** Whether the object is enabled; true when the flag is absent or the style is none. */
  boolean read(ConnectorObject object) {
    if (style == Style.NONE) {
      return true;
    }
    Attribute flag = object.getAttributeByName(attribute);
    if (flag == null || flag.getValue() == null) {
      return true;
    }
    for (Object value : flag.getValue()) {
      if (style == Style.OPERATIONAL && value instanceof Boolean enabled) {
        return enabled;
      }
      if (style == Style.ATTRIBUTE
          && value != null
          && value.toString().toLowerCase(Locale.ROOT).equals(lower(disabledValue))) {
        return false;
      }
    }
    return true;
  }

  /** The attributes a new account gets for the flag (none when nothing needs writing). */
  List<Attribute> forCreate(boolean enabled) {
    return switch (style) {
      case NONE -> List.of();
      case OPERATIONAL -> List.of(AttributeBuilder.buildEnabled(enabled));
      case ATTRIBUTE -> {
        String value = enabled ? enabledValue : disabledValue;
        yield value == null ? List.of() : List.of(AttributeBuilder.build(attribute, value));
      }
    };
  }

  /** The replacement that sets the flag on an existing account (no values: remove it). */
  List<Object> replacementValues(boolean enabled) {
    if (style == Style.OPERATIONAL) {
      return List.of(enabled);
    }
    String value = enabled ? enabledValue : disabledValue;
    return value == null ? List.of() : List.of(value);
  }

  private static String lower(@Nullable String value) {
    return value == null ? "" : value.toLowerCase(Locale.ROOT);
  }
}
