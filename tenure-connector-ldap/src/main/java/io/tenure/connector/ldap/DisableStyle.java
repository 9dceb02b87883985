package io.tenure.connector.ldap;

/** How an account is marked disabled on the directory. */
enum DisableStyle {
  /** An attribute holds a value while the account is disabled (OpenLDAP ppolicy lock). */
  ATTRIBUTE,
  /** Bit 0x2 (ACCOUNTDISABLE) of the integer attribute userAccountControl (Active Directory). */
  USER_ACCOUNT_CONTROL;

  /** Bit 0x2 of userAccountControl. */
  static final long ACCOUNT_DISABLE_BIT = 0x2L;

  /** The userAccountControl value of a normal account, used when the attribute is absent. */
  static final long NORMAL_ACCOUNT = 0x200L;

  /** The userAccountControl value with the disable bit set or cleared, other bits untouched. */
  static long withDisabled(long userAccountControl, boolean disabled) {
    return disabled
        ? userAccountControl | ACCOUNT_DISABLE_BIT
        : userAccountControl & ~ACCOUNT_DISABLE_BIT;
  }

  /** Whether the value has the disable bit set. */
  static boolean isDisabled(long userAccountControl) {
    return (userAccountControl & ACCOUNT_DISABLE_BIT) != 0;
  }
}
