package io.tenure.connector.ldap;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.RDN;
import io.tenure.connector.spi.AccountReference;
import io.tenure.connector.spi.ConnectorException;
import io.tenure.connector.spi.ErrorKind;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Names and DNs: account DNs {@code <accounts.rdn>=<name>,<accounts.base>} and group DNs {@code
 * <groups.rdn>=<entitlement>,<groups.base>}, built with the SDK's {@link RDN} and {@link DN}
 * classes so that names are escaped, never interpreted; the names read back from entries; and the
 * rejection of names a directory cannot hold faithfully.
 */
final class DirectoryNames {

  private final LdapSettings settings;

  DirectoryNames(LdapSettings settings) {
    this.settings = settings;
  }

  DN accountDn(String name) {
    return new DN(new RDN(settings.accountsRdn(), name), settings.accountsBase());
  }

  /** The native id (a DN) when the reference has one, else the DN the name resolves to. */
  DN accountDn(AccountReference account) {
    if (account.nativeId() != null) {
      try {
        return new DN(account.nativeId());
      } catch (LDAPException e) {
        throw new ConnectorException(
            ErrorKind.INVALID_INPUT,
            "target '" + settings.targetName() + "': native id is not a DN: " + account.nativeId());
      }
    }
    return accountDn(checked("account name", account.name()));
  }

  DN groupDn(String entitlement) {
    checked("entitlement", entitlement);
    return new DN(new RDN(settings.groupsRdn(), entitlement), settings.groupsBase());
  }

  /**
   * Rejects names a directory cannot hold faithfully: blank, or with control characters or broken
   * UTF-16 (which would not survive UTF-8 encoding).
   *
   * @param what what the value names, for the message ("account name")
   * @return the value
   */
  String checked(String what, String value) {
    boolean broken = value.isBlank();
    for (int index = 0; index < value.length() && !broken; index++) {
      char character = value.charAt(index);
      if (Character.isISOControl(character)) {
        broken = true;
      } else if (Character.isHighSurrogate(character)) {
        broken = index + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(++index));
      } else if (Character.isLowSurrogate(character)) {
        broken = true;
      }
    }
    if (broken) {
      throw new ConnectorException(
          ErrorKind.INVALID_INPUT,
          "target '"
              + settings.targetName()
              + "': "
              + what
              + " must not be blank nor contain control characters");
    }
    return value;
  }

  /**
   * Rejects attribute values a directory cannot hold faithfully: broken UTF-16 (which would not
   * survive UTF-8 encoding), or a control character other than tab, line feed and carriage return
   * (which a postal address or a description may hold).
   *
   * @param attribute the attribute the values are for, for the message
   * @return the values
   */
  List<String> checkedValues(String attribute, List<String> values) {
    for (String value : values) {
      if (!faithful(value)) {
        throw new ConnectorException(
            ErrorKind.INVALID_INPUT,
            "target '"
                + settings.targetName()
                + "': a value of "
                + attribute
                + " holds a control character or broken UTF-16");
      }
    }
    return values;
  }

  private static boolean faithful(String value) {
    for (int index = 0; index < value.length(); index++) {
      char character = value.charAt(index);
      if (Character.isISOControl(character)
          && character != '\t'
          && character != '\n'
          && character != '\r') {
        return false;
      }
      if (Character.isHighSurrogate(character)) {
        if (index + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(++index))) {
          return false;
        }
      } else if (Character.isLowSurrogate(character)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The account name: the value of the naming attribute that the entry's RDN holds. The attribute
   * value is preferred to the value parsed from the DN, which servers may return with insignificant
   * spaces dropped.
   */
  String accountName(Entry entry) {
    String name = namingValue(entry, settings.accountsRdn());
    return name == null ? entry.getDN() : name;
  }

  /** The entitlement name of a group entry read with its naming attribute. */
  @Nullable String groupName(Entry group) {
    return namingValue(group, settings.groupsRdn());
  }

  private @Nullable String namingValue(Entry entry, String attribute) {
    String fromRdn = rdnValue(parsedDn(entry), attribute);
    String[] values = entry.getAttributeValues(attribute);
    if (values == null || values.length == 0) {
      return fromRdn;
    }
    if (values.length == 1 || fromRdn == null) {
      return values[0];
    }
    for (String value : values) {
      if (value.equals(fromRdn)) {
        return value;
      }
    }
    for (String value : values) {
      if (value.strip().equalsIgnoreCase(fromRdn.strip())) {
        return value;
      }
    }
    return fromRdn;
  }

  private static @Nullable String rdnValue(DN dn, String attribute) {
    RDN rdn = dn.getRDN();
    if (rdn == null) {
      return null;
    }
    String[] names = rdn.getAttributeNames();
    String[] values = rdn.getAttributeValues();
    for (int index = 0; index < names.length; index++) {
      if (names[index].equalsIgnoreCase(attribute)) {
        return values[index];
      }
    }
    return null;
  }

  /** The DNs a group entry's member attribute holds; values that are not DNs are left out. */
  List<DN> memberDns(Entry group) {
    List<DN> members = new ArrayList<>();
    String[] values = group.getAttributeValues(settings.groupsMemberAttribute());
    if (values != null) {
      for (String value : values) {
        try {
          members.add(new DN(value));
        } catch (LDAPException e) {
          // A value that is not a DN names no account.
        }
      }
    }
    return members;
  }

  /** The entry's DN, parsed; a server that returns an invalid DN fails with OTHER. */
  DN parsedDn(Entry entry) {
    try {
      return entry.getParsedDN();
    } catch (LDAPException e) {
      throw new ConnectorException(
          ErrorKind.OTHER,
          "target '" + settings.targetName() + "': server returned an invalid DN",
          e);
    }
  }
}
