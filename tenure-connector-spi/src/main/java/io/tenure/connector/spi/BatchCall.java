package io.tenure.connector.spi;

import java.util.List;
import java.util.Objects;

/**
 * One change of a {@link BatchCapability batch}: the arguments of one single-call capability
 * method.
 */
public sealed interface BatchCall {

  /** The account the call changes, by name. */
  String accountName();

  /** {@link CreateCapability#create}. */
  record Create(NewAccount account) implements BatchCall {
    public Create {
      Objects.requireNonNull(account, "account");
    }

    @Override
    public String accountName() {
      return account.name();
    }
  }

  /** {@link UpdateCapability#update}. */
  record Update(AccountReference account, List<AttributeDelta> deltas) implements BatchCall {
    public Update {
      Objects.requireNonNull(account, "account");
      deltas = List.copyOf(deltas);
    }

    @Override
    public String accountName() {
      return account.name();
    }
  }

  /** {@link EnableDisableCapability#enable} when {@code enabled}, else {@code disable}. */
  record SetEnabled(AccountReference account, boolean enabled) implements BatchCall {
    public SetEnabled {
      Objects.requireNonNull(account, "account");
    }

    @Override
    public String accountName() {
      return account.name();
    }
  }

  /** {@link DeleteCapability#delete}. */
  record Delete(AccountReference account) implements BatchCall {
    public Delete {
      Objects.requireNonNull(account, "account");
    }

    @Override
    public String accountName() {
      return account.name();
    }
  }

  /** {@link EntitlementCapability#grant} when {@code granted}, else {@code revoke}. */
  record SetEntitlement(AccountReference account, String entitlement, boolean granted)
      implements BatchCall {
    public SetEntitlement {
      Objects.requireNonNull(account, "account");
      Objects.requireNonNull(entitlement, "entitlement");
    }

    @Override
    public String accountName() {
      return account.name();
    }
  }

  /**
   * Runs the call through the connector's single-call capability, as a batch that cannot send this
   * call in bulk does.
   *
   * @return the result; a failure when the connector lacks the capability
   */
  static BatchResult runSingly(BatchCall call, Connector connector) {
    try {
      if (call instanceof Create create) {
        return BatchResult.created(as(connector, CreateCapability.class).create(create.account()));
      }
      if (call instanceof Update update) {
        as(connector, UpdateCapability.class).update(update.account(), update.deltas());
      } else if (call instanceof SetEnabled set) {
        EnableDisableCapability switcher = as(connector, EnableDisableCapability.class);
        if (set.enabled()) {
          switcher.enable(set.account());
        } else {
          switcher.disable(set.account());
        }
      } else if (call instanceof Delete delete) {
        as(connector, DeleteCapability.class).delete(delete.account());
      } else if (call instanceof SetEntitlement set) {
        EntitlementCapability entitlements = as(connector, EntitlementCapability.class);
        if (set.granted()) {
          entitlements.grant(set.account(), set.entitlement());
        } else {
          entitlements.revoke(set.account(), set.entitlement());
        }
      }
      return BatchResult.done();
    } catch (ConnectorException e) {
      return BatchResult.failed(e);
    }
  }

  private static <T> T as(Connector connector, Class<T> capability) {
    if (!capability.isInstance(connector)) {
      throw new ConnectorException(
          ErrorKind.CONFIGURATION,
          "connector type '"
              + connector.type()
              + "' does not implement "
              + capability.getSimpleName());
    }
    return capability.cast(connector);
  }
}
