package io.tenure.core.plan;

/**
 * The kinds of operation, declared in the order in which a plan runs them for one account: creates
 * first, then attribute changes and enables, then new entitlements, then removals of entitlements,
 * then disables, then deletes.
 */
public enum OperationKind {
  CREATE_ACCOUNT,
  UPDATE_ACCOUNT,
  ENABLE_ACCOUNT,
  ADD_ENTITLEMENT,
  REMOVE_ENTITLEMENT,
  DISABLE_ACCOUNT,
  DELETE_ACCOUNT;

  /** True for the kinds that take access away (the ones the mass-change brake counts). */
  public boolean deprovisions() {
    return this == DISABLE_ACCOUNT || this == DELETE_ACCOUNT;
  }
}
