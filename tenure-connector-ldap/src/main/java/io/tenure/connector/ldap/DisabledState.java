package io.tenure.connector.ldap;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.ModifyRequest;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchResultEntry;
import io.tenure.connector.spi.AccountReference;
import io.tenure.connector.spi.ConnectorException;
import io.tenure.connector.spi.ErrorKind;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether an account is disabled, in the configured {@link DisableStyle}: with style {@code
 * attribute}, disabled while {@code disable.attribute} holds a value; with style {@code
 * userAccountControl}, while bit 0x2 of that integer attribute is set. Writing the bit reads the
 * integer and swaps it for the new value in one modify (delete the old value, add the new one), so
 * a concurrent change makes it fail; it is tried up to 5 times, then fails with BUSY.
 */
final class DisabledState {

  private static final int ATTEMPTS = 5;

  private final Directory directory;
  private final DirectoryNames names;
  private final LdapSettings settings;

  DisabledState(Directory directory, DirectoryNames names) {
    this.directory = directory;
    this.names = names;
    this.settings = directory.settings();
  }

  /** The attribute that carries the disabled state. */
  String attribute() {
    return settings.disableAttribute();
  }

  /**
   * Sets the state in a new account's entry, replacing what its attributes gave: with style {@code
   * attribute} the attribute is present only when disabled; with style {@code userAccountControl}
   * the given value (or NORMAL_ACCOUNT, 512) gets bit 0x2 set or cleared.
   */
  void applyTo(Entry entry, DN dn, boolean enabled) {
    if (settings.disableStyle() == DisableStyle.ATTRIBUTE) {
      entry.removeAttribute(attribute());
      if (!enabled) {
        entry.addAttribute(attribute(), settings.disableValue());
      }
    } else {
      String given = entry.getAttributeValue(attribute());
      long base = given == null ? DisableStyle.NORMAL_ACCOUNT : parseControl(dn, given);
      entry.setAttribute(attribute(), Long.toString(DisableStyle.withDisabled(base, !enabled)));
    }
  }

  /** Disables or enables an account; idempotent; a missing account fails with NOT_FOUND. */
  void set(AccountReference account, boolean disabled) {
    DN dn = names.accountDn(account);
    String attempted = (disabled ? "disabling " : "enabling ") + dn;
    if (settings.disableStyle() == DisableStyle.ATTRIBUTE) {
      Modification modification =
          disabled
              ? new Modification(ModificationType.REPLACE, attribute(), settings.disableValue())
              : new Modification(ModificationType.REPLACE, attribute());
      directory.modify(new ModifyRequest(dn, modification), attempted);
      return;
    }
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      SearchResultEntry entry = directory.entry(dn, attribute());
      if (entry == null) {
        throw directory.notFound(account);
      }
      String current = entry.getAttributeValue(attribute());
      long before = current == null ? DisableStyle.NORMAL_ACCOUNT : parseControl(dn, current);
      long after = DisableStyle.withDisabled(before, disabled);
      if (current != null && before == after) {
        return;
      }
      List<Modification> swap = new ArrayList<>();
      if (current != null) {
        swap.add(new Modification(ModificationType.DELETE, attribute(), current));
      }
      swap.add(new Modification(ModificationType.ADD, attribute(), Long.toString(after)));
      try {
        directory.pool().modify(new ModifyRequest(dn, swap));
        return;
      } catch (LDAPException e) {
        ResultCode code = e.getResultCode();
        boolean raced =
            code.equals(ResultCode.NO_SUCH_ATTRIBUTE)
                || code.equals(ResultCode.ATTRIBUTE_OR_VALUE_EXISTS);
        if (!raced) {
          throw directory.failure(attempted, e);
        }
      }
    }
    throw new ConnectorException(
        ErrorKind.BUSY,
        "target '" + settings.targetName() + "': " + attempted + " raced with other changes");
  }

  /** Whether an account entry read with {@link #attribute()} is enabled. */
  boolean isEnabled(Entry entry) {
    String value = entry.getAttributeValue(attribute());
    if (settings.disableStyle() == DisableStyle.ATTRIBUTE) {
      return value == null;
    }
    return value == null || !DisableStyle.isDisabled(parseControl(names.parsedDn(entry), value));
  }

  private long parseControl(DN dn, String value) {
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw new ConnectorException(
          ErrorKind.SCHEMA,
          "target '"
              + settings.targetName()
              + "': "
              + attribute()
              + " of "
              + dn
              + " is not an integer");
    }
  }
}
