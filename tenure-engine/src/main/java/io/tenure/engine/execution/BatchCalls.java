package io.tenure.engine.execution;

import io.tenure.connector.spi.AccountReference;
import io.tenure.connector.spi.AttributeDelta;
import io.tenure.connector.spi.BatchCall;
import io.tenure.connector.spi.Connector;
import io.tenure.connector.spi.CreateCapability;
import io.tenure.connector.spi.DeleteCapability;
import io.tenure.connector.spi.EnableDisableCapability;
import io.tenure.connector.spi.EntitlementCapability;
import io.tenure.connector.spi.NewAccount;
import io.tenure.connector.spi.UpdateCapability;
import io.tenure.core.account.KnownAccount;
import io.tenure.core.plan.AddEntitlement;
import io.tenure.core.plan.AttributeChange;
import io.tenure.core.plan.CreateAccount;
import io.tenure.core.plan.DeleteAccount;
import io.tenure.core.plan.DisableAccount;
import io.tenure.core.plan.EnableAccount;
import io.tenure.core.plan.Operation;
import io.tenure.core.plan.RemoveEntitlement;
import io.tenure.core.plan.UpdateAccount;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** An operation's main connector call as a batch call ({@link OperationBatches}). */
final class BatchCalls {

  private BatchCalls() {}

  /**
   * The operation's main connector call as a batch call, empty when the connector lacks the
   * capability it needs (the single run then reports that).
   */
  static Optional<BatchCall> of(
      Operation operation, Optional<KnownAccount> before, Connector connector) {
    AccountReference reference =
        new AccountReference(operation.username(), before.map(KnownAccount::nativeId).orElse(null));
    BatchCall call;
    Class<?> capability;
    if (operation instanceof CreateAccount create) {
      call =
          new BatchCall.Create(
              NewAccount.of(create.username(), create.attributes(), create.enabled()));
      capability = CreateCapability.class;
    } else if (operation instanceof UpdateAccount update) {
      call = new BatchCall.Update(reference, deltas(update));
      capability = UpdateCapability.class;
    } else if (operation instanceof EnableAccount || operation instanceof DisableAccount) {
      call = new BatchCall.SetEnabled(reference, operation instanceof EnableAccount);
      capability = EnableDisableCapability.class;
    } else if (operation instanceof AddEntitlement add) {
      call = new BatchCall.SetEntitlement(reference, add.entitlement(), true);
      capability = EntitlementCapability.class;
    } else if (operation instanceof RemoveEntitlement remove) {
      call = new BatchCall.SetEntitlement(reference, remove.entitlement(), false);
      capability = EntitlementCapability.class;
    } else if (operation instanceof DeleteAccount) {
      call = new BatchCall.Delete(reference);
      capability = DeleteCapability.class;
    } else {
      return Optional.empty();
    }
    return capability.isInstance(connector) ? Optional.of(call) : Optional.empty();
  }

  static List<AttributeDelta> deltas(UpdateAccount update) {
    List<AttributeDelta> deltas = new ArrayList<>();
    for (AttributeChange change : update.changes()) {
      deltas.add(
          change.newValue() == null
              ? AttributeDelta.clear(change.attribute())
              : AttributeDelta.replace(change.attribute(), change.newValue()));
    }
    return deltas;
  }
}
