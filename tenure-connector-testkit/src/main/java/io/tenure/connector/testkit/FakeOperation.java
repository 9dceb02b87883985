package io.tenure.connector.testkit;

/** The calls a {@link FakeConnector} counts and can fail, one per capability method. */
public enum FakeOperation {
  CREATE,
  UPDATE,
  ENABLE,
  DISABLE,
  DELETE,
  GRANT,
  REVOKE,
  FIND,
  ACCOUNTS,
  TEST,
  /** One batch request ({@code BatchCapability#execute}); its calls also count as their own. */
  BATCH
}
