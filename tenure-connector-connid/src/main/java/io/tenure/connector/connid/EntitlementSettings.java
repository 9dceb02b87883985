package io.tenure.connector.connid;

/**
 * How entitlements map onto the bundle's objects. Immutable.
 *
 * <ul>
 *   <li>{@link Style#NONE}: the connector has no entitlement capability.
 *   <li>{@link Style#ATTRIBUTE}: a multi-valued account attribute ({@code attribute}) holds the
 *       entitlements, each written as {@code valueTemplate} makes it (ConnId LDAP's {@code
 *       ldapGroups} holds group DNs; a CSV column holds plain names).
 *   <li>{@link Style#GROUP}: each entitlement is an object of {@code objectClass} (ConnId's {@code
 *       __GROUP__}) named by {@code nameAttribute}, whose {@code memberAttribute} holds its
 *       members: the account's {@code __NAME__} or {@code __UID__} as {@code member} says.
 * </ul>
 *
 * @param style which of the three
 * @param attribute the account attribute (attribute style)
 * @param valueTemplate how an entitlement name becomes a value of {@code attribute}
 * @param objectClass the group object class (group style)
 * @param nameAttribute the group attribute holding the entitlement name (group style)
 * @param nameTemplate the {@code __NAME__} of a group the connector creates (group style)
 * @param memberAttribute the group attribute holding its members (group style)
 * @param member which of the account's identifiers a group holds (group style)
 * @param createGroups whether a grant creates a missing group; else it fails with NOT_FOUND
 * @param deleteEmptyGroups whether revoking a group's last member deletes the group (for targets
 *     that refuse an empty group, such as LDAP's groupOfNames)
 */
record EntitlementSettings(
    Style style,
    String attribute,
    NameTemplate valueTemplate,
    String objectClass,
    String nameAttribute,
    NameTemplate nameTemplate,
    String memberAttribute,
    Member member,
    boolean createGroups,
    boolean deleteEmptyGroups) {

  /** The three styles. */
  enum Style {
    NONE,
    ATTRIBUTE,
    GROUP
  }

  /** Which identifier of an account a group holds. */
  enum Member {
    /** The account's {@code __NAME__} (a DN for LDAP bundles). */
    NAME,
    /** The account's {@code __UID__}. */
    UID
  }

  /** No entitlements. */
  static final EntitlementSettings NONE =
      new EntitlementSettings(
          Style.NONE,
          "",
          NameTemplate.IDENTITY,
          "",
          "",
          NameTemplate.IDENTITY,
          "",
          Member.NAME,
          false,
          false);
}
