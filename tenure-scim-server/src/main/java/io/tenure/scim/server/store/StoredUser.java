package io.tenure.scim.server.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tenure.core.identity.IdentityId;
import io.tenure.core.identity.LifecycleState;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A User as stored: the identity with its stored SCIM resource, if SCIM pushed it.
 *
 * @param id the identity's id, which is the User's id
 * @param state the identity's lifecycle state
 * @param attributes the identity's attributes
 * @param resource the User as last pushed (normalised, without meta), or null if SCIM never wrote
 *     it; read it, or change a copy
 * @param created when SCIM first wrote the User, or null
 * @param lastModified the later of the identity's and the stored resource's last change
 * @param groups the Groups the User is a member of, ordered by displayName (ignoring case), then id
 */
public record StoredUser(
    IdentityId id,
    LifecycleState state,
    Map<String, String> attributes,
    @Nullable ObjectNode resource,
    @Nullable Instant created,
    Instant lastModified,
    List<Group> groups) {

  public StoredUser {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(state, "state");
    attributes = Map.copyOf(attributes);
    Objects.requireNonNull(lastModified, "lastModified");
    groups = List.copyOf(groups);
  }

  /** A Group the User is a member of: its id and displayName. */
  public record Group(String id, String displayName) {}
}
