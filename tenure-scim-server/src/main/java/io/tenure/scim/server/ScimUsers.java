package io.tenure.scim.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.Path;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.exceptions.ResourceConflictException;
import com.unboundid.scim2.common.exceptions.ResourceNotFoundException;
import com.unboundid.scim2.common.exceptions.ScimException;
import io.tenure.core.correlation.Correlation;
import io.tenure.core.correlation.CorrelationRule;
import io.tenure.core.identity.Identity;
import io.tenure.core.identity.IdentityId;
import io.tenure.engine.configuration.ScimSettings;
import io.tenure.engine.configuration.TenureConfiguration;
import io.tenure.engine.identity.IdentityRepository;
import io.tenure.engine.ingest.PushSource;
import io.tenure.engine.store.IdGenerator;
import io.tenure.scim.server.store.ScimUserStore;
import io.tenure.scim.server.store.SearchQuery;
import io.tenure.scim.server.store.SearchResults;
import io.tenure.scim.server.store.StoredUser;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * SCIM Users over the identity store. Reads and searches run in the database ({@link
 * ScimUserStore}), never by loading everybody. Every write is a push from an authoritative source,
 * which the engine's {@link io.tenure.engine.ingest.SourcePush} handles ({@link UserPushes}): the
 * pushed User is correlated ({@code externalId}, then {@code userName}, then {@code employeeId}),
 * merged into the identity (the attributes of {@link UserMapping#OWNED} and those of {@code
 * scim.mapping} replaced), refused with 403 if it would change what another source decides, its
 * lifecycle recomputed and every lifecycle event audited with the actor {@code scim:<token name>}
 * (an employeeNumber is one person's: {@link EmployeeNumbers}); then the identity is planned for,
 * the plan stored through the brake in the same transaction, and executed at once after the commit.
 * {@code active=false} and DELETE are leaver events: the identity becomes TERMINATED (never
 * removed; a DELETE also hides it from SCIM and takes it out of its Groups) and its accounts are
 * disabled.
 */
final class ScimUsers {

  /** The largest page a search returns. */
  static final int MAX_RESULTS = 200;

  /** How pushed Users correlate: {@code externalId}, then {@code userName}, then employeeId. */
  private static final CorrelationRule CORRELATION =
      new CorrelationRule("externalId", List.of("userName", EmployeeNumbers.ATTRIBUTE));

  private final ScimUserStore users;
  private final GroupMembers groupMembers;
  private final IdentityRepository identities;
  private final UserPushes pushes;
  private final IdGenerator ids;
  private final Clock clock;
  private final Map<String, Path> mapped;
  private final EmployeeNumbers employeeNumbers;

  /**
   * @param groupMembers the Groups, which a deleted User leaves
   * @param scim the identity attributes read from other paths of pushed Users ({@code
   *     scim.mapping})
   */
  ScimUsers(
      ScimUserStore users,
      GroupMembers groupMembers,
      IdentityRepository identities,
      UserPushes pushes,
      IdGenerator ids,
      Clock clock,
      ScimSettings scim) {
    this.users = users;
    this.groupMembers = groupMembers;
    this.identities = identities;
    this.pushes = pushes;
    this.ids = ids;
    this.clock = clock;
    Map<String, Path> paths = new TreeMap<>();
    scim.userAttributes().forEach((name, path) -> paths.put(name, ScimUserPaths.path(path)));
    this.mapped = Map.copyOf(paths);
    this.employeeNumbers = new EmployeeNumbers(identities);
  }

  /**
   * SCIM as a source that pushes ({@value TenureConfiguration#SCIM_SOURCE}): it provides the
   * identity attributes of the fixed mapping ({@link UserMapping#OWNED}) and of {@code
   * scim.mapping}, correlates on {@code externalId}, then {@code userName}, then {@code
   * employeeId}, and its audit events name the {@code userName}.
   */
  static PushSource pushSource(ScimSettings scim) {
    Set<String> provided = new TreeSet<>(UserMapping.OWNED);
    provided.addAll(scim.userAttributes().keySet());
    return new PushSource(
        TenureConfiguration.SCIM_SOURCE, "SCIM", provided, CORRELATION, "userName");
  }

  /** A pushed User with the identity attributes of the fixed mapping and of scim.mapping. */
  private UserMapping.Pushed read(ObjectNode body) throws BadRequestException {
    return UserMapping.fromResource(body, mapped);
  }

  /** The User, or 404 (also for an id that cannot name one, such as one holding a NUL). */
  ServedResource get(String id, String baseUrl) throws ScimException {
    if (!ValueCharacters.possibleId(id)) {
      throw new ResourceNotFoundException("User " + id + " not found");
    }
    return users
        .find(new IdentityId(id))
        .map(user -> ServedUsers.served(user, baseUrl))
        .orElseThrow(() -> new ResourceNotFoundException("User " + id + " not found"));
  }

  /** A search: filter (or null), sort, 1-based start index and count. */
  ResourcePage search(
      @Nullable String filter,
      @Nullable String sortBy,
      boolean descending,
      int startIndex,
      int count,
      String baseUrl)
      throws ScimException {
    int start = Math.max(1, startIndex);
    int size = Math.max(0, Math.min(MAX_RESULTS, count));
    SearchResults<StoredUser> found =
        users.search(new SearchQuery(filter, sortBy, descending, start - 1L, size));
    return new ResourcePage(
        found.total(),
        start,
        found.page().stream().map(user -> ServedUsers.served(user, baseUrl)).toList());
  }

  /**
   * POST: a new person (201), or a returning one: a rehire of a deleted or terminated identity that
   * the User correlates with, also when only its employeeNumber is the leaver's (the identity
   * provider made a new object, with a new externalId, for the returning person). A POST without
   * {@code active} is active.
   */
  ServedResource create(ObjectNode body, String actor, String baseUrl) throws ScimException {
    UserMapping.Pushed given = read(body);
    // a POST is someone who should have a User: without active, active (a returning person too)
    UserMapping.Pushed pushed =
        new UserMapping.Pushed(
            given.attributes(), Optional.of(given.active().orElse(true)), given.resource());
    IdentityId id =
        pushes.runSaving(
            actor,
            () -> {
              // the userName is checked when the User is stored (store), in the same statement
              Correlation correlation = pushes.correlate(pushed.attributes());
              Optional<Identity> before;
              IdentityId target;
              if (correlation instanceof Correlation.NoMatch) {
                before = Optional.empty();
                target = ids.newIdentityId();
              } else if (correlation instanceof Correlation.Matched matched) {
                before = identities.find(matched.id());
                if (users.isVisible(matched.id())) {
                  if (!EmployeeNumbers.gone(before)) {
                    throw ResourceConflictException.uniqueness(
                        "a User for this person exists already (" + correlation.describe() + ")");
                  }
                  // a person who left still shows their User: its userName is taken, by them
                  checkNotShownBy(before, pushed);
                }
                target = matched.id();
              } else if (employeeNumbers.returning(correlation)) {
                // the employee number of a person who left: that person comes back (a new
                // externalId is the identity provider's new object for them), never a duplicate
                target = ((Correlation.Conflict) correlation).candidate();
                before = identities.find(target);
              } else {
                throw ResourceConflictException.uniqueness(
                    correlation.describe() + "; nothing was linked");
              }
              if (before.isPresent()) {
                // a returning person's User shows again (a new identity was never hidden)
                users.show(target);
              }
              Identity saved = pushes.push(target, before, pushed, actor, correlation.describe());
              if (before.isPresent()) {
                employeeNumbers.checkFree(pushed.attributes(), before.get());
              }
              store(target, pushed);
              return new UserPushes.Saved(saved, correlation instanceof Correlation.NoMatch);
            });
    return get(id.value(), baseUrl);
  }

  /** PUT: replaces the owned attributes; an omitted {@code active} keeps the employment. */
  ServedResource replace(
      String id, ObjectNode body, @Nullable String ifMatch, String actor, String baseUrl)
      throws ScimException {
    UserMapping.Pushed pushed = read(body);
    checkImmutableId(body, id);
    return write(id, ifMatch, actor, baseUrl, current -> pushed);
  }

  /**
   * PATCH: the operations applied to the current User, then written as a PUT of the result; a PATCH
   * that changes nothing writes nothing (RFC 7644 section 3.5.2: {@code meta.lastModified} and the
   * version stay as they are, and nothing is pushed).
   */
  ServedResource patch(
      String id, ObjectNode body, @Nullable String ifMatch, String actor, String baseUrl)
      throws ScimException {
    UserPatch patch = UserPatch.parse(body);
    return write(
        id,
        ifMatch,
        actor,
        baseUrl,
        current -> {
          ObjectNode patched = patch.applyTo(current, id);
          return UserPatch.changes(current, patched) ? read(patched) : null;
        });
  }

  /** DELETE: a leaver event; the identity stays in Tenure, and is gone from SCIM (404). */
  void delete(String id, @Nullable String ifMatch, String actor, String baseUrl)
      throws ScimException {
    ServedResource current = get(id, baseUrl);
    EntityTags.checkIfMatch(ifMatch, current.version(), "User");
    IdentityId identityId = new IdentityId(id);
    pushes.run(
        actor,
        () -> {
          Identity before =
              identities
                  .find(identityId)
                  .orElseThrow(() -> new ResourceNotFoundException("User " + id + " not found"));
          pushes.leave(before, actor);
          users.hide(identityId, clock.instant(), actor);
          groupMembers.removeDeletedUser(identityId, actor);
          return identityId;
        });
  }

  /**
   * Gives the User the pushed userName and keeps the pushed resource as sent (normalised; no
   * password, no read-only attributes), unless the write keeps the stored one.
   *
   * @throws ResourceConflictException 409 uniqueness when another User shows the userName, or
   *     another write holds it (also one committed meanwhile): the write is rolled back
   */
  private void store(IdentityId id, UserMapping.Pushed pushed) throws ScimException {
    String userName = pushed.attributes().get("userName");
    boolean free;
    try {
      free = users.save(id, userName, pushed.resource(), clock.instant());
    } catch (ScimUserStore.UserNameTaken taken) {
      free = false;
    }
    if (!free) {
      throw userNameTaken(userName);
    }
  }

  /** 409 when the identity (a visible User) shows the pushed userName, ignoring case. */
  private static void checkNotShownBy(Optional<Identity> identity, UserMapping.Pushed pushed)
      throws ResourceConflictException {
    String userName = pushed.attributes().get("userName");
    if (identity.isPresent()
        && userName != null
        && UserResources.shownUserName(identity.get().id().value(), identity.get().attributes())
            .equalsIgnoreCase(userName)) {
      throw userNameTaken(userName);
    }
  }

  private static ResourceConflictException userNameTaken(String userName) {
    return ResourceConflictException.uniqueness("userName '" + userName + "' is already taken");
  }

  /** How a write turns the current User into what is pushed (null: nothing changes). */
  private interface Change {
    UserMapping.@Nullable Pushed apply(ObjectNode current) throws ScimException;
  }

  private ServedResource write(
      String id, @Nullable String ifMatch, String actor, String baseUrl, Change change)
      throws ScimException {
    ServedResource current = get(id, baseUrl);
    EntityTags.checkIfMatch(ifMatch, current.version(), "User");
    UserMapping.@Nullable Pushed pushed = change.apply(current.resource());
    if (pushed == null) {
      return current;
    }
    IdentityId identityId = new IdentityId(id);
    pushes.runSaving(
        actor,
        () -> {
          checkUserNameFree(pushed, identityId);
          Optional<Identity> before = identities.find(identityId);
          if (before.isEmpty()) {
            throw new ResourceNotFoundException("User " + id + " not found");
          }
          Identity saved = pushes.push(identityId, before, pushed, actor, "SCIM User " + id);
          employeeNumbers.checkFree(pushed.attributes(), before.get());
          store(identityId, pushed);
          return new UserPushes.Saved(saved, false);
        });
    return get(id, baseUrl);
  }

  private static void checkImmutableId(ObjectNode body, String id) throws BadRequestException {
    JsonNode given = JsonFields.field(body, "id");
    if (given != null && !given.isNull() && !(given.isTextual() && given.textValue().equals(id))) {
      throw BadRequestException.mutability("id is read-only and cannot be changed");
    }
  }

  /**
   * A PUT's or PATCH's early check of the userName, so that a taken one is answered 409 before the
   * push is judged; {@link #store} checks it again, race-free.
   */
  private void checkUserNameFree(UserMapping.Pushed pushed, IdentityId self) throws ScimException {
    String userName = pushed.attributes().get("userName");
    if (users.isUserNameTaken(userName, self)) {
      throw userNameTaken(userName);
    }
  }
}
