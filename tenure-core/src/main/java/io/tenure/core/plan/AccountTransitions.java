package io.tenure.core.plan;

import io.tenure.core.account.KnownAccount;
import io.tenure.core.identity.IdentityId;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * What Tenure knows about an account after an operation on it succeeded. The engine records actual
 * state with it after each operation; tests use it to simulate applying a plan.
 *
 * <ul>
 *   <li>create: a new account with the operation's owner, attributes and enabled flag, no
 *       entitlements, {@code disabledAt = now} if created disabled (an already known account is
 *       replaced, keeping its native id);
 *   <li>update: the changes applied (a null new value removes the attribute);
 *   <li>enable: enabled, {@code disabledAt} cleared;
 *   <li>disable: disabled; {@code disabledAt = now} if it was enabled, the earlier {@code
 *       disabledAt} kept if it was already disabled ({@code now} if that was unknown);
 *   <li>add or remove entitlement: the entitlement set changed;
 *   <li>delete: no account.
 * </ul>
 *
 * The owner is kept from the known account when the operation names none.
 */
public final class AccountTransitions {

  private AccountTransitions() {}

  /**
   * The account after {@code operation} succeeded.
   *
   * @param before the account as known before, empty if none
   * @param operation the operation that succeeded
   * @param now when it succeeded
   * @throws IllegalArgumentException if {@code before} is another account than the operation's, or
   *     is empty for an operation that needs an existing account (all but create and delete)
   */
  public static Optional<KnownAccount> apply(
      Optional<KnownAccount> before, Operation operation, Instant now) {
    Objects.requireNonNull(before, "before");
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(now, "now");
    before.ifPresent(account -> requireSameAccount(account, operation));
    if (operation instanceof CreateAccount create) {
      return Optional.of(
          new KnownAccount(
              create.target(),
              create.username(),
              before.map(KnownAccount::nativeId).orElse(null),
              create.owner(),
              create.attributes(),
              create.enabled(),
              Set.of(),
              create.enabled() ? null : now));
    }
    if (operation instanceof DeleteAccount) {
      return Optional.empty();
    }
    KnownAccount account =
        before.orElseThrow(
            () ->
                new IllegalArgumentException(
                    "cannot record '" + operation.describe() + "': the account is not known"));
    IdentityId owner = operation.owner() != null ? operation.owner() : account.owner();
    Map<String, String> attributes = new TreeMap<>(account.attributes());
    Set<String> entitlements = new TreeSet<>(account.entitlements());
    boolean enabled = account.enabled();
    @Nullable Instant disabledAt = account.disabledAt();
    if (operation instanceof UpdateAccount update) {
      for (AttributeChange change : update.changes()) {
        if (change.newValue() == null) {
          attributes.remove(change.attribute());
        } else {
          attributes.put(change.attribute(), change.newValue());
        }
      }
    } else if (operation instanceof EnableAccount) {
      enabled = true;
      disabledAt = null;
    } else if (operation instanceof DisableAccount) {
      disabledAt = account.enabled() || disabledAt == null ? now : disabledAt;
      enabled = false;
    } else if (operation instanceof AddEntitlement add) {
      entitlements.add(add.entitlement());
    } else if (operation instanceof RemoveEntitlement remove) {
      entitlements.remove(remove.entitlement());
    }
    return Optional.of(
        new KnownAccount(
            account.target(),
            account.username(),
            account.nativeId(),
            owner,
            attributes,
            enabled,
            entitlements,
            disabledAt));
  }

  private static void requireSameAccount(KnownAccount account, Operation operation) {
    if (!account.target().equals(operation.target())
        || !account.username().equals(operation.username())) {
      throw new IllegalArgumentException(
          "cannot record '"
              + operation.describe()
              + "' on account "
              + account.target()
              + "/"
              + account.username());
    }
  }
}
