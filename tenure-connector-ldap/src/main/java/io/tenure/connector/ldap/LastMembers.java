package io.tenure.connector.ldap;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.DeleteRequest;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPResult;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.ModifyRequest;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.controls.AssertionRequestControl;
import com.unboundid.ldap.sdk.controls.PostReadResponseControl;
import io.tenure.connector.spi.ConnectorException;
import io.tenure.connector.spi.ErrorKind;

/**
 * The last-member policy ({@code groups.lastMember}): what losing its last member does to a group.
 * With {@code delete}, the group is deleted, but only a group Tenure created, which carries the
 * marker ({@code groups.marker.attribute} set to {@code groups.marker.value}); with {@code
 * placeholder}, the placeholder member takes the last member's place in one modify. A group
 * somebody else made is never deleted.
 */
final class LastMembers {

  private final Directory directory;
  private final DirectoryNames names;
  private final LdapSettings settings;

  LastMembers(Directory directory, DirectoryNames names) {
    this.directory = directory;
    this.names = names;
    this.settings = directory.settings();
  }

  /**
   * After a member was removed (the modify asked for the post-read control on the member
   * attribute): with {@code delete}, a group the server left empty is deleted if it carries the
   * marker and is still empty.
   *
   * @throws LDAPException when the post-read control in the result cannot be decoded
   */
  void afterRemoval(DN group, LDAPResult result) throws LDAPException {
    if (settings.lastMember() == LdapSettings.LastMemberPolicy.DELETE) {
      String memberAttribute = settings.groupsMemberAttribute();
      PostReadResponseControl after = PostReadResponseControl.get(result);
      if (after != null && !after.getEntry().hasAttribute(memberAttribute)) {
        deleteGroup(
            group,
            Filter.createANDFilter(
                Filter.createNOTFilter(Filter.createPresenceFilter(memberAttribute)), marked()));
      }
    }
  }

  /**
   * After the server refused to remove a member as its group's last (objectClassViolation or
   * constraintViolation): with {@code placeholder}, swaps in the placeholder member; with {@code
   * delete}, deletes the group when the member is indeed its only one and the group carries the
   * marker. The last member of a group Tenure did not create stays: a revoke ({@code strict}) then
   * fails with CONSTRAINT, saying so, while an account's deletion leaves that group alone.
   *
   * @param attempted what was attempted, for messages ("removing ... from ...")
   */
  void afterRefusal(DN group, DN member, boolean strict, String attempted) {
    String memberAttribute = settings.groupsMemberAttribute();
    if (settings.lastMember() == LdapSettings.LastMemberPolicy.PLACEHOLDER) {
      directory.modifyIgnoring(
          new ModifyRequest(
              group,
              new Modification(
                  ModificationType.ADD, memberAttribute, settings.placeholderMember().toString()),
              new Modification(ModificationType.DELETE, memberAttribute, member.toString())),
          attempted,
          ResultCode.NO_SUCH_ATTRIBUTE);
      return;
    }
    SearchResultEntry entry =
        directory.entry(group, memberAttribute, settings.groupsMarkerAttribute());
    if (entry == null) {
      return;
    }
    for (DN held : names.memberDns(entry)) {
      if (!held.equals(member)) {
        throw new ConnectorException(
            ErrorKind.SCHEMA,
            "target '" + settings.targetName() + "': " + attempted + " was refused by the server");
      }
    }
    if (!entry.hasAttributeValue(settings.groupsMarkerAttribute(), settings.groupsMarkerValue())) {
      if (!strict) {
        return;
      }
      throw new ConnectorException(
          ErrorKind.CONSTRAINT,
          "target '"
              + settings.targetName()
              + "': "
              + member
              + " is the last member of "
              + group
              + ", which Tenure did not create (its "
              + settings.groupsMarkerAttribute()
              + " is not '"
              + settings.groupsMarkerValue()
              + "'), so Tenure will not delete it; remove the member by hand, or set"
              + " groups.lastMember: placeholder");
    }
    deleteGroup(group, marked());
  }

  /** The filter a group Tenure created matches: its marker attribute holds the marker value. */
  private Filter marked() {
    return Filter.createEqualityFilter(
        settings.groupsMarkerAttribute(), settings.groupsMarkerValue());
  }

  /**
   * Deletes a group Tenure created that lost its last member, under an assertion: that it still
   * carries Tenure's marker, and (when the server allowed the empty group, seen through the
   * post-read control) that it is still empty, which keeps a group that gained a member meanwhile;
   * when the server refused to remove the last member, the caller checked the members just before.
   */
  private void deleteGroup(DN group, Filter assertion) {
    DeleteRequest request = new DeleteRequest(group);
    request.addControl(new AssertionRequestControl(assertion, false));
    try {
      directory.pool().delete(request);
    } catch (LDAPException e) {
      ResultCode code = e.getResultCode();
      if (!code.equals(ResultCode.NO_SUCH_OBJECT) && !code.equals(ResultCode.ASSERTION_FAILED)) {
        throw directory.failure("deleting emptied group " + group, e);
      }
    }
  }
}
