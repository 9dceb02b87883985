package io.tenure.scim.server.store;

import com.unboundid.scim2.common.exceptions.BadRequestException;
import io.tenure.core.identity.IdentityId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Port: the SCIM Groups and their members, who are Users (identity ids). Every method may be called
 * inside a transaction and joins it.
 */
public interface ScimGroupStore {

  /** The Group with that id, or empty. */
  Optional<StoredGroup> find(String id);

  /** The Group with that id, locked until the transaction ends, or empty. */
  Optional<StoredGroup> lock(String id);

  /**
   * The Groups that match the query's filter, a page of them in its order.
   *
   * @throws BadRequestException invalidFilter for a filter that cannot be evaluated, invalidValue
   *     for an attribute that cannot be sorted by (the members included)
   */
  SearchResults<StoredGroup> search(SearchQuery query) throws BadRequestException;

  /** The members of these Groups, by Group id, ordered by the User's id (no entry for none). */
  Map<String, List<StoredGroup.Member>> members(List<String> groups);

  /** The ids of the Group's members. */
  Set<String> memberIds(String group);

  /** Whether a Group other than {@code except} has the displayName, ignoring case. */
  boolean isDisplayNameTaken(String displayName, @Nullable String except);

  /**
   * Creates a Group without members (version 1).
   *
   * @throws DisplayNameTaken if a Group has its displayName (ignoring case)
   */
  void create(String id, String displayName, @Nullable String externalId, Instant at);

  /** Creates a Group without members unless one has its displayName (ignoring case). */
  void createUnlessNamed(String id, String displayName, Instant at);

  /**
   * Changes a Group's displayName and externalId and counts the write in its version.
   *
   * @throws DisplayNameTaken if another Group has the displayName (ignoring case)
   */
  void update(String id, String displayName, @Nullable String externalId, Instant at);

  /** Adds the Users to the Group's members, as added by the actor. */
  void addMembers(String group, Set<String> users, Instant at, String actor);

  /** Removes the Users from the Group's members. */
  void removeMembers(String group, Set<String> users);

  /** Deletes the Group and its memberships. */
  void delete(String id);

  /** Removes the User from every Group, returning the ids of the Groups it was a member of. */
  List<String> removeFromAllGroups(IdentityId user);

  /** Which of the ids are visible Users (not deleted over SCIM). */
  Set<String> visibleUsers(Set<String> ids);

  /** Which of the ids are Groups, in id order. */
  List<String> groups(Set<String> ids);

  /** A write would give a Group the displayName of another (ignoring case). */
  final class DisplayNameTaken extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DisplayNameTaken(String displayName, Throwable cause) {
      super("a Group named '" + displayName + "' exists already", cause);
    }
  }
}
