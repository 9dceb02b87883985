package io.tenure.engine.ingest;

import io.tenure.core.identity.IdentityId;
import java.util.List;

/**
 * A push refused as a whole because it would change what another source decides for the person (see
 * {@link SourcePush#push}): nothing of it may be kept, so the caller rolls its transaction back,
 * then records the refusal ({@link SourcePush#auditRefusal}).
 */
public final class PushRefused extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final IdentityId identity;
  private final List<String> refusals;

  PushRefused(IdentityId identity, String message, List<String> refusals) {
    super(message);
    this.identity = identity;
    this.refusals = List.copyOf(refusals);
  }

  /** The person the push was about. */
  public IdentityId identity() {
    return identity;
  }

  /** One line for each refused change, naming the source that decides it. */
  public List<String> refusals() {
    return refusals;
  }
}
