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
   * Gives the User the userName (ignoring case) and keeps the pushed resource, if any, as the
   * User's (its creation time set once, its modification time moved only when the resource
   * changes), in one statement; answers whether the userName is free. A userName is held by one
   * SCIM-written User at a time: while another transaction that wrote the same userName is open,
   * this call waits for it, and if it commits, this one fails ({@link UserNameTaken}), so that
   * concurrent writes of one userName cannot both be kept. Call it in the write's transaction and
   * roll that back when the answer is false or it throws.
   *
   * @param resource the resource to keep, or null to keep the stored one
   * @return false when another visible User shows the userName (a person of another source whose
   *     userName falls back to an e-mail address, say): the write must be refused
   * @throws UserNameTaken another User written over SCIM holds the userName
   */
  boolean save(IdentityId id, String userName, @Nullable ObjectNode resource, Instant at);

  /** A userName that another User written over SCIM holds (see {@link #save}). */
  final class UserNameTaken extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UserNameTaken(String userName, Throwable cause) {
      super("userName '" + userName + "' is already taken", cause);
    }
  }

  /** Makes the identity a visible User again (a User created for a person SCIM had deleted). */
  void show(IdentityId id);

  /**
   * Hides the identity from SCIM (a DELETE): when, and by whom, and frees its userName. Hiding a
   * hidden one does nothing.
   */
  void hide(IdentityId id, Instant at, String actor);
}
