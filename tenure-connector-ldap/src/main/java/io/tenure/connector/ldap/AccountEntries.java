package io.tenure.connector.ldap;

import com.unboundid.ldap.sdk.AddRequest;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.ModifyRequest;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.controls.PostReadRequestControl;
import com.unboundid.ldap.sdk.controls.PostReadResponseControl;
import io.tenure.connector.spi.AccountReference;
import io.tenure.connector.spi.AttributeDelta;
import io.tenure.connector.spi.ConnectorException;
import io.tenure.connector.spi.ErrorKind;
import io.tenure.connector.spi.NewAccount;
import io.tenure.connector.spi.RemoteAccount;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Account entries: creating, updating, deleting and reading them, and what an account entry is (one
 * having every configured object class but {@code top}) and which of its attributes are read.
 * Attribute values pass through {@link ActiveDirectoryAttributes}, which encodes AD passwords and
 * decodes AD's binary ids.
 */
final class AccountEntries {

  private final Directory directory;
  private final DirectoryNames names;
  private final DisabledState disabledState;
  private final GroupMemberships memberships;
  private final LdapSettings settings;
  private final String[] attributesRead;
  private final Filter filter;

  AccountEntries(
      Directory directory,
      DirectoryNames names,
      DisabledState disabledState,
      GroupMemberships memberships) {
    this.directory = directory;
    this.names = names;
    this.disabledState = disabledState;
    this.memberships = memberships;
    this.settings = directory.settings();
    Set<String> read = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    read.addAll(settings.accountsAttributes());
    read.add(settings.accountsRdn());
    read.add(disabledState.attribute());
    this.attributesRead = read.toArray(String[]::new);
    List<Filter> classes = new ArrayList<>();
    for (String objectClass : settings.accountsObjectClasses()) {
      if (!objectClass.equalsIgnoreCase("top")) {
        classes.add(Filter.createEqualityFilter(Directory.OBJECT_CLASS, objectClass));
      }
    }
    this.filter =
        classes.isEmpty()
            ? Filter.createPresenceFilter(Directory.OBJECT_CLASS)
            : Filter.createANDFilter(classes);
  }

  /**
   * The attributes accounts are read with: {@code accounts.attributes}, the naming attribute and
   * the disable attribute. A fresh copy.
   */
  String[] attributesRead() {
    return attributesRead.clone();
  }

  /** The filter account entries match: every configured object class but {@code top}. */
  Filter filter() {
    return filter;
  }

  /**
   * Adds the entry (object classes, naming attribute, the given attributes, the disabled state) and
   * returns it read back; an existing entry fails with ALREADY_EXISTS, a name or value the
   * directory cannot hold faithfully with INVALID_INPUT (nothing is written).
   */
  RemoteAccount create(NewAccount account) {
    Entry entry = newEntry(account);
    DN dn = names.parsedDn(entry);
    try {
      directory.pool().add(entry);
    } catch (LDAPException e) {
      throw directory.failure("creating " + dn, e);
    }
    return readCreated(dn);
  }

  /**
   * Adds the entry as {@link #create} does, asking for it back in the add's response (the post-read
   * control, RFC 4527) with the attributes accounts are read with; the account's groups are not
   * read, so that a batch reads them for many new accounts at once ({@link
   * GroupMemberships#anyGroupHolds}). Fails as {@link #create} does; a server that does not return
   * the entry (Active Directory) gets it read.
   *
   * @return the created entry, from the add's response, or read when the server did not return it
   */
  Entry createWithoutGroups(NewAccount account) {
    Entry entry = newEntry(account);
    DN dn = names.parsedDn(entry);
    AddRequest request = new AddRequest(entry);
    request.addControl(new PostReadRequestControl(false, attributesRead));
    try {
      PostReadResponseControl after = PostReadResponseControl.get(directory.pool().add(request));
      if (after != null) {
        return after.getEntry();
      }
    } catch (LDAPException e) {
      throw directory.failure("creating " + dn, e);
    }
    Entry created = directory.entry(dn, attributesRead);
    if (created == null) {
      throw vanished(dn);
    }
    return created;
  }

  /** The account just created at the DN, read back with its groups. */
  private RemoteAccount readCreated(DN dn) {
    return read(dn).orElseThrow(() -> vanished(dn));
  }

  private ConnectorException vanished(DN dn) {
    return new ConnectorException(
        ErrorKind.OTHER,
        "target '" + settings.targetName() + "': " + dn + " vanished after creation");
  }

  /**
   * The entry a new account is: object classes, naming attribute, the given attributes, the
   * disabled state; a name or value the directory cannot hold faithfully fails with INVALID_INPUT.
   */
  private Entry newEntry(NewAccount account) {
    String name = names.checked("account name", account.name());
    DN dn = names.accountDn(name);
    Entry entry = new Entry(dn);
    entry.addAttribute(
        Directory.OBJECT_CLASS, settings.accountsObjectClasses().toArray(String[]::new));
    entry.addAttribute(settings.accountsRdn(), name);
    account
        .attributes()
        .forEach(
            (attribute, values) -> {
              if (!values.isEmpty()) {
                entry.addAttribute(
                    ActiveDirectoryAttributes.toWrite(
                        attribute, names.checkedValues(attribute, values)));
              }
            });
    disabledState.applyTo(entry, dn, account.enabled());
    return entry;
  }

  /**
   * Applies every delta as a replace, all in one modify; no deltas only checks that the account
   * exists.
   */
  void update(AccountReference account, List<AttributeDelta> deltas) {
    DN dn = names.accountDn(account);
    if (deltas.isEmpty()) {
      directory.requireAccount(dn, account);
      return;
    }
    List<Modification> modifications = new ArrayList<>();
    for (AttributeDelta delta : deltas) {
      Attribute values =
          ActiveDirectoryAttributes.toWrite(
              delta.attribute(), names.checkedValues(delta.attribute(), delta.values()));
      modifications.add(
          new Modification(
              ModificationType.REPLACE, delta.attribute(), values.getValueByteArrays()));
    }
    directory.modify(new ModifyRequest(dn, modifications), "updating " + dn);
  }

  /** Removes the account from its groups, then deletes its entry; a missing account is success. */
  void delete(AccountReference account) {
    DN dn = names.accountDn(account);
    memberships.removeFromAllGroups(dn);
    try {
      directory.pool().delete(dn.toString());
    } catch (LDAPException e) {
      if (!e.getResultCode().equals(ResultCode.NO_SUCH_OBJECT)) {
        throw directory.failure("deleting " + dn, e);
      }
    }
  }

  /** The account at the DN with its entitlements, or empty when there is no such entry. */
  Optional<RemoteAccount> read(DN dn) {
    SearchResultEntry entry = directory.entry(dn, attributesRead);
    if (entry == null) {
      return Optional.empty();
    }
    return Optional.of(toAccount(entry, memberships.groupsContaining(dn).values()));
  }

  /**
   * The account an entry read with {@link #attributesRead()} holds, without {@code objectClass},
   * the passwords and the disable attribute.
   *
   * @param groups the names of the groups that hold the entry's DN
   */
  RemoteAccount toAccount(Entry entry, Collection<String> groups) {
    Map<String, List<String>> attributes = new LinkedHashMap<>();
    for (Attribute attribute : entry.getAttributes()) {
      String base = attribute.getBaseName();
      if (base.equalsIgnoreCase(Directory.OBJECT_CLASS)
          || base.equalsIgnoreCase("userPassword")
          || ActiveDirectoryAttributes.isPassword(base)
          || base.equalsIgnoreCase(disabledState.attribute())) {
        continue;
      }
      attributes.put(attribute.getName(), ActiveDirectoryAttributes.readableValues(attribute));
    }
    return new RemoteAccount(
        entry.getDN(),
        names.accountName(entry),
        attributes,
        disabledState.isEnabled(entry),
        new TreeSet<>(groups));
  }
}
