package io.tenure.scim.server.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import io.tenure.core.identity.IdentityId;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Port: the SCIM Users. Every identity is a User unless a SCIM DELETE hid it ({@code visible}); a
 * User that SCIM pushed also has its resource as last pushed. The identities themselves are the
 * engine's ({@link io.tenure.engine.identity.IdentityRepository}). Every method may be called
 * inside a transaction and joins it.
 */
public interface ScimUserStore {

  /** The visible User with that id, or empty. */
  Optional<StoredUser> find(IdentityId id);

  /** Whether the identity is a visible User. */
  boolean isVisible(IdentityId id);

  /**
   * The visible Users that match the query's filter, a page of them in its order.
   *
   * @throws BadRequestException invalidFilter for a filter that cannot be evaluated, invalidValue
   *     for an attribute that cannot be sorted by
   */
  SearchResults<StoredUser> search(SearchQuery query) throws BadRequestException;

  /**
   * Whether a visible User other than {@code except} has that userName (as Users show it), ignoring
   * case.
   */
  boolean isUserNameTaken(String userName, @Nullable IdentityId except);

  /**
   * Keeps the pushed resource as the User's: its creation time is set once, its modification time
   * moves only when the resource changes.
   */
  void saveResource(IdentityId id, ObjectNode resource, Instant at);

  /** Makes the identity a visible User again (a User created for a person SCIM had deleted). */
  void show(IdentityId id);

  /**
   * Hides the identity from SCIM (a DELETE): when, and by whom. Hiding a hidden one does nothing.
   */
  void hide(IdentityId id, Instant at, String actor);
}
