package io.tenure.engine.access;

import java.util.Locale;

/**
 * What a person who logs in may do, as a named bundle of {@link Permission}s ({@link AccessRules}
 * says which). A principal holds one or more roles; every principal that is a person holds {@link
 * #SELF}.
 */
public enum AccessRole {
  /** Everything, configuration, users and tokens included. */
  ADMIN,
  /**
   * The helpdesk: people, plans (approve or reject held ones), the queue (retry, discard),
   * findings; no audit search, no users or tokens.
   */
  OPERATOR,
  /** Reads everything (the audit trail, users and tokens included), changes nothing. */
  AUDITOR,
  /**
   * Managers (implicit: a person whose employee id is someone's {@code managerId}): their inbox of
   * decisions; today the same reach as {@link #SELF}.
   */
  APPROVER,
  /** Every person: their own access. */
  SELF;

  /** The lower-case name used on the command line, in the store and in the API. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The role named (case-insensitive), or an exception naming the allowed values. */
  public static AccessRole parse(String name) {
    for (AccessRole role : values()) {
      if (role.name().equalsIgnoreCase(name.strip())) {
        return role;
      }
    }
    throw new IllegalArgumentException(
        "unknown role '" + name + "' (admin, operator, auditor, approver or self)");
  }
}
