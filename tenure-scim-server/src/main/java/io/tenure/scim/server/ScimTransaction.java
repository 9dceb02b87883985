package io.tenure.scim.server;

import com.unboundid.scim2.common.exceptions.ScimException;
import io.tenure.engine.store.Transactions;

/** Work in a store transaction that may refuse with a SCIM error, which rolls it back. */
final class ScimTransaction {

  private ScimTransaction() {}

  /** The work of a transaction. */
  interface Work<T> {
    T run() throws ScimException;
  }

  /** Runs the work in a transaction; a SCIM error rolls it back and is thrown as it was. */
  static <T> T run(Transactions transactions, Work<T> work) throws ScimException {
    try {
      return transactions.inTransaction(
          () -> {
            try {
              return work.run();
            } catch (ScimException e) {
              throw new Refused(e);
            }
          });
    } catch (Refused refused) {
      throw refused.scim;
    }
  }

  /** Carries a SCIM error out of a transaction (which it rolls back). */
  private static final class Refused extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient ScimException scim;

    Refused(ScimException scim) {
      super(scim.getMessage(), scim, false, false);
      this.scim = scim;
    }
  }
}
