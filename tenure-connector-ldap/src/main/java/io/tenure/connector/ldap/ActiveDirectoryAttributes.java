package io.tenure.connector.ldap;

import com.unboundid.ldap.sdk.Attribute;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The Active Directory attributes whose values are not strings on the wire: the password {@value
 * #PASSWORD} (written only) and the binary {@value #GUID} and {@value #SID} (read as their standard
 * string forms, so that reconciliation can compare and correlate on them). Any other attribute
 * passes through as a string.
 */
final class ActiveDirectoryAttributes {

  /** AD's password attribute: write-only, the password in double quotes, UTF-16LE. */
  static final String PASSWORD = "unicodePwd";

  /** The account's immutable 16-byte GUID, read as {@code xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx}. */
  static final String GUID = "objectGUID";

  /** The account's security identifier, read as {@code S-1-5-21-...}. */
  static final String SID = "objectSid";

  private ActiveDirectoryAttributes() {}

  /** Whether the attribute is AD's password, which is written encoded and never read. */
  static boolean isPassword(String attribute) {
    return attribute.equalsIgnoreCase(PASSWORD);
  }

  /**
   * The attribute to write: for {@value #PASSWORD} each value as AD requires it (the password
   * enclosed in double quotes, encoded in UTF-16LE), otherwise the values as strings. The result
   * holds the password: never render it.
   */
  static Attribute toWrite(String attribute, List<String> values) {
    if (!isPassword(attribute)) {
      return new Attribute(attribute, values);
    }
    byte[][] encoded = new byte[values.size()][];
    for (int index = 0; index < values.size(); index++) {
      encoded[index] = encodedPassword(values.get(index));
    }
    return new Attribute(attribute, encoded);
  }

  /** The password in double quotes, encoded in UTF-16LE, as AD's {@value #PASSWORD} takes it. */
  static byte[] encodedPassword(String password) {
    return ('"' + password + '"').getBytes(StandardCharsets.UTF_16LE);
  }

  /**
   * The values of a read attribute as strings: {@value #GUID} and {@value #SID} in their standard
   * string forms (a value of another length is kept as the server's string), others as given.
   */
  static List<String> readableValues(Attribute attribute) {
    String name = attribute.getBaseName();
    boolean guid = name.equalsIgnoreCase(GUID);
    boolean sid = name.equalsIgnoreCase(SID);
    if (!guid && !sid) {
      return List.of(attribute.getValues());
    }
    List<String> values = new ArrayList<>();
    for (byte[] value : attribute.getValueByteArrays()) {
      String readable = guid ? guidString(value) : sidString(value);
      values.add(readable != null ? readable : new String(value, StandardCharsets.UTF_8));
    }
    return List.copyOf(values);
  }

  /**
   * The standard string form of a binary GUID as AD stores it: the first three fields
   * little-endian, the last two in byte order ({@code 35 b7 fb 8b aa c8 42 4d 9c ce ...} is {@code
   * 8bfbb735-c8aa-4d42-9cce-...}); null when the value is not 16 bytes.
   */
  static @Nullable String guidString(byte[] value) {
    if (value.length != 16) {
      return null;
    }
    ByteBuffer little = ByteBuffer.wrap(value).order(ByteOrder.LITTLE_ENDIAN);
    StringBuilder text = new StringBuilder(36);
    text.append(String.format(Locale.ROOT, "%08x", little.getInt(0)));
    text.append(String.format(Locale.ROOT, "-%04x", little.getShort(4)));
    text.append(String.format(Locale.ROOT, "-%04x-", little.getShort(6)));
    for (int index = 8; index < 16; index++) {
      if (index == 10) {
        text.append('-');
      }
      text.append(String.format(Locale.ROOT, "%02x", value[index]));
    }
    return text.toString();
  }

  /**
   * The string form {@code S-<revision>-<authority>-<sub authority>...} of a binary security
   * identifier (revision byte, count of sub authorities, 48-bit big-endian authority, then 32-bit
   * little-endian sub authorities); null when the value is malformed.
   */
  static @Nullable String sidString(byte[] value) {
    if (value.length < 8 || value.length != 8 + 4 * (value[1] & 0xff)) {
      return null;
    }
    long authority = 0;
    for (int index = 2; index < 8; index++) {
      authority = (authority << 8) | (value[index] & 0xff);
    }
    StringBuilder text =
        new StringBuilder("S-").append(value[0] & 0xff).append('-').append(authority);
    ByteBuffer little = ByteBuffer.wrap(value).order(ByteOrder.LITTLE_ENDIAN);
    for (int offset = 8; offset < value.length; offset += 4) {
      text.append('-').append(Integer.toUnsignedLong(little.getInt(offset)));
    }
    return text.toString();
  }
}
