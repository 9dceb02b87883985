package io.tenure.scim.server;

import com.unboundid.scim2.common.exceptions.ForbiddenException;
import com.unboundid.scim2.common.exceptions.ScimException;
import io.tenure.core.correlation.Correlation;
import io.tenure.core.identity.Identity;
import io.tenure.core.identity.IdentityId;
import io.tenure.engine.ingest.PushRefused;
import io.tenure.engine.ingest.SourcePush;
import io.tenure.engine.store.Transactions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * SCIM writes of Users as pushes of the source {@code scim}, which the engine's {@link SourcePush}
 * applies to the identity store. A push runs in one transaction with the plan for the pushed
 * identity ({@link ScimProvisioning}); a push the engine refuses ({@link PushRefused}) keeps
 * nothing, is audited on its own and answered with 403 and the engine's message.
 */
final class UserPushes {

  private final SourcePush push;
  private final ScimProvisioning provisioning;
  private final Transactions transactions;

  UserPushes(SourcePush push, ScimProvisioning provisioning, Transactions transactions) {
    this.push = push;
    this.provisioning = provisioning;
    this.transactions = transactions;
  }

  /** Correlates a pushed User with the identities ({@code externalId}, {@code userName}, ...). */
  Correlation correlate(Map<String, String> attributes) {
    return push.correlate(attributes);
  }

  /**
   * Merges a pushed User (POST, PUT, PATCH) into the identity.
   *
   * @param correlation how the identity was found, for the audit
   * @return the identity as it is stored now
   */
  Identity push(
      IdentityId id,
      Optional<Identity> before,
      UserMapping.Pushed pushed,
      String actor,
      String correlation) {
    return push.push(
            new SourcePush.Push(
                id, before, pushed.attributes(), pushed.active(), actor, "SCIM push", correlation))
        .identity();
  }

  /**
   * A DELETE: the person leaves (active false), the attributes SCIM provides pushed as they are.
   */
  void leave(Identity before, String actor) {
    push.push(
        new SourcePush.Push(
            before.id(),
            Optional.of(before),
            push.providedValues(before),
            Optional.of(false),
            actor,
            "SCIM DELETE",
            "deleted by SCIM"));
  }

  /**
   * Runs the write (which pushes the identity it returns) and stores the plan for that identity
   * through the brake in the same transaction (both are kept, or neither), then executes the plan.
   *
   * @throws ForbiddenException 403 when the engine refused the push (audited as refused)
   */
  IdentityId run(String actor, ScimTransaction.Work<IdentityId> work) throws ScimException {
    return write(
        actor,
        () -> {
          IdentityId id = work.run();
          return new ScimProvisioning.Written<>(id, Set.of(id));
        });
  }

  /**
   * A push whose work returns the identity as it saved it: planned for as it is, not read again.
   */
  IdentityId runSaving(String actor, ScimTransaction.Work<Saved> work) throws ScimException {
    return write(
        actor,
        () -> {
          Saved saved = work.run();
          IdentityId id = saved.identity().id();
          return new ScimProvisioning.Written<>(
              id, Set.of(id), List.of(saved.identity()), saved.created() ? Set.of(id) : Set.of());
        });
  }

  /**
   * The identity a push saved, as stored now, and whether the push created it (a new id: nobody
   * else has seen it, so no account or operation is its yet).
   */
  record Saved(Identity identity, boolean created) {}

  private IdentityId write(
      String actor, ScimTransaction.Work<ScimProvisioning.Written<IdentityId>> work)
      throws ScimException {
    try {
      return provisioning.write(actor, "scim push", work);
    } catch (PushRefused refused) {
      transactions.run(() -> push.auditRefusal(refused, actor));
      throw new ForbiddenException(refused.getMessage());
    }
  }
}
