package io.tenure.engine.execution;

import io.tenure.connector.spi.AccountReference;
import io.tenure.connector.spi.AttributeDelta;
import io.tenure.connector.spi.BatchResult;
import io.tenure.connector.spi.Connector;
import io.tenure.connector.spi.ConnectorException;
import io.tenure.connector.spi.CreateCapability;
import io.tenure.connector.spi.DeleteCapability;
import io.tenure.connector.spi.EnableDisableCapability;
import io.tenure.connector.spi.EntitlementCapability;
import io.tenure.connector.spi.ErrorKind;
import io.tenure.connector.spi.NewAccount;
import io.tenure.connector.spi.RemoteAccount;
import io.tenure.connector.spi.SearchCapability;
import io.tenure.connector.spi.UpdateCapability;
import io.tenure.core.account.KnownAccount;
import io.tenure.core.plan.AccountTransitions;
import io.tenure.core.plan.AddEntitlement;
import io.tenure.core.plan.CreateAccount;
import io.tenure.core.plan.DeleteAccount;
import io.tenure.core.plan.DisableAccount;
import io.tenure.core.plan.EnableAccount;
import io.tenure.core.plan.Operation;
import io.tenure.core.plan.RemoveEntitlement;
import io.tenure.core.plan.UpdateAccount;
import io.tenure.engine.account.Ownership;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The connector side of running one operation: calls the target through the capability the
 * operation needs (or takes a connector batch's answer), links an account that already exists only
 * when {@link Ownership} shows it to be the person's, and says what the account is after the call.
 * It writes nothing to the store; {@link OperationRunner} records the result.
 */
final class TargetCalls {

  /** The account as known after success, and a note for the attempt. */
  record Result(Optional<KnownAccount> account, @Nullable String note) {}

  private final Ownership ownership;

  TargetCalls(Ownership ownership) {
    this.ownership = ownership;
  }

  /**
   * Performs the operation on its target (or takes the batch's answer for it) and says what the
   * account is after it.
   *
   * @param answer the connector batch's result for this operation, or null to call the connector
   * @param now the time the account's transitions are stamped with
   * @throws ConnectorException the target's refusal or failure, or {@link ErrorKind#CONSTRAINT}
   *     (message starting {@value OperationRunner#NOT_OURS}) for an existing account that is not
   *     shown to be the person's
   */
  Result perform(
      Operation operation,
      Optional<KnownAccount> before,
      Connector connector,
      @Nullable BatchResult answer,
      Instant now) {
    AccountReference reference =
        new AccountReference(operation.username(), before.map(KnownAccount::nativeId).orElse(null));
    if (operation instanceof CreateAccount create) {
      return create(create, before, connector, now, answer);
    }
    if (answer != null) {
      answer.orThrow();
    } else if (operation instanceof UpdateAccount update) {
      capability(connector, UpdateCapability.class, operation)
          .update(reference, BatchCalls.deltas(update));
    } else if (operation instanceof EnableAccount) {
      capability(connector, EnableDisableCapability.class, operation).enable(reference);
    } else if (operation instanceof DisableAccount) {
      capability(connector, EnableDisableCapability.class, operation).disable(reference);
    } else if (operation instanceof AddEntitlement add) {
      capability(connector, EntitlementCapability.class, operation)
          .grant(reference, add.entitlement());
    } else if (operation instanceof RemoveEntitlement remove) {
      capability(connector, EntitlementCapability.class, operation)
          .revoke(reference, remove.entitlement());
    } else if (operation instanceof DeleteAccount) {
      capability(connector, DeleteCapability.class, operation).delete(reference);
    }
    if (operation instanceof DeleteAccount) {
      return new Result(Optional.empty(), null);
    }
    if (before.isEmpty()) {
      return new Result(
          Optional.empty(),
          "the account was not known to Tenure; its state is learnt at the next reconciliation");
    }
    return new Result(AccountTransitions.apply(before, operation, now), null);
  }

  private Result create(
      CreateAccount create,
      Optional<KnownAccount> before,
      Connector connector,
      Instant now,
      @Nullable BatchResult answer) {
    CreateCapability creator = capability(connector, CreateCapability.class, create);
    RemoteAccount created;
    try {
      created =
          answer == null
              ? creator.create(
                  NewAccount.of(create.username(), create.attributes(), create.enabled()))
              : createdInBatch(answer);
    } catch (ConnectorException e) {
      if (e.kind() != ErrorKind.ALREADY_EXISTS) {
        throw e;
      }
      return link(create, before, connector, now, e);
    }
    KnownAccount known = withNativeId(AccountTransitions.apply(before, create, now), created);
    return new Result(Optional.of(known), null);
  }

  private static RemoteAccount createdInBatch(BatchResult answer) {
    RemoteAccount created = answer.orThrow();
    if (created == null) {
      throw new ConnectorException(
          ErrorKind.OTHER, "the connector's batch reported a create without the created account");
    }
    return created;
  }

  /**
   * The account already exists on the target: if it is shown to be the person's, make it the
   * desired one and adopt it; otherwise refuse, leaving it untouched.
   */
  private Result link(
      CreateAccount create,
      Optional<KnownAccount> before,
      Connector connector,
      Instant now,
      ConnectorException exists) {
    String account = create.target() + "/" + create.username();
    if (before.isPresent() && !create.owner().equals(before.get().owner())) {
      throw notOurs(
          account
              + " exists and Tenure knows it as "
              + (before.get().owner() == null
                  ? "an orphan account"
                  : "the account of identity " + before.get().owner())
              + "; not linked to "
              + create.owner(),
          exists);
    }
    RemoteAccount existing =
        capability(connector, SearchCapability.class, create)
            .find(create.username())
            .orElseThrow(
                () ->
                    notOurs(
                        account
                            + " exists on the target, but the connector does not show it as"
                            + " one Tenure may manage; not adopted",
                        exists));
    String evidence;
    if (before.isPresent()) {
      evidence = "Tenure knows it as this person's";
    } else {
      evidence =
          ownership
              .evidence(create.target(), create.attributes(), existing)
              .orElseThrow(
                  () ->
                      notOurs(
                          account
                              + " exists on the target and nothing shows it is the account of"
                              + " identity "
                              + create.owner()
                              + " ("
                              + ownership.missingEvidence(
                                  create.target(), create.attributes(), existing)
                              + "); it was left untouched. Link it with a reconciliation"
                              + " correlation rule that identifies the person, or rename or"
                              + " remove it, then retry this operation",
                          exists));
    }
    AccountReference reference = existing.reference();
    List<String> converged = new ArrayList<>();
    List<AttributeDelta> deltas = new ArrayList<>();
    create
        .attributes()
        .forEach(
            (name, value) -> {
              List<String> current = existing.attributes().getOrDefault(name, List.of());
              if (!current.equals(List.of(value))) {
                deltas.add(AttributeDelta.replace(name, value));
                converged.add(name);
              }
            });
    if (!deltas.isEmpty()) {
      capability(connector, UpdateCapability.class, create).update(reference, deltas);
    }
    if (existing.enabled() != create.enabled()) {
      EnableDisableCapability switcher =
          capability(connector, EnableDisableCapability.class, create);
      if (create.enabled()) {
        switcher.enable(reference);
      } else {
        switcher.disable(reference);
      }
    }
    KnownAccount known =
        new KnownAccount(
            create.target(),
            create.username(),
            existing.nativeId(),
            create.owner(),
            create.attributes(),
            create.enabled(),
            ownership.managedEntitlements(
                create.target(),
                existing.entitlements(),
                before.map(KnownAccount::entitlements).orElse(Set.of())),
            create.enabled() ? null : now);
    String note =
        "linked the existing account "
            + existing.nativeId()
            + " ("
            + evidence
            + ")"
            + (converged.isEmpty() ? "" : "; set " + String.join(", ", converged))
            + (existing.enabled() == create.enabled()
                ? ""
                : create.enabled() ? "; enabled it" : "; disabled it");
    return new Result(Optional.of(known), note);
  }

  private static KnownAccount withNativeId(Optional<KnownAccount> account, RemoteAccount created) {
    KnownAccount known = account.orElseThrow();
    return new KnownAccount(
        known.target(),
        known.username(),
        created.nativeId(),
        known.owner(),
        known.attributes(),
        known.enabled(),
        known.entitlements(),
        known.disabledAt());
  }

  private static <T> T capability(Connector connector, Class<T> capability, Operation operation) {
    if (!capability.isInstance(connector)) {
      throw new ConnectorException(
          ErrorKind.CONFIGURATION,
          "target '"
              + operation.target()
              + "' (connector type '"
              + connector.type()
              + "') cannot "
              + operation.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
              + ": its connector does not implement "
              + capability.getSimpleName());
    }
    return capability.cast(connector);
  }

  /** The refusal to touch an existing account not shown to be the person's (never retried). */
  private static ConnectorException notOurs(String accountAndWhy, ConnectorException exists) {
    return new ConnectorException(
        ErrorKind.CONSTRAINT, OperationRunner.NOT_OURS + "account " + accountAndWhy, exists);
  }
}
