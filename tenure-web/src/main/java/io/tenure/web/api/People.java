package io.tenure.web.api;

import io.tenure.core.identity.IdentityId;
import io.tenure.engine.access.AccessPrincipal;
import io.tenure.engine.access.AccessRole;
import io.tenure.engine.access.AccessRules;
import io.tenure.engine.access.Permission;
import io.tenure.engine.people.PersonDetail;
import io.tenure.engine.people.PersonDirectory;
import io.tenure.engine.people.PersonPage;
import io.tenure.engine.planning.ConfiguredPolicy;
import io.tenure.web.problem.BadRequest;
import io.tenure.web.problem.NotFound;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Component;

/** People as the API and the console show them. */
@Component
@ConditionalOnWebApplication
public class People {

  private final ObjectProvider<PersonDirectory> directory;
  private final ObjectProvider<ConfiguredPolicy> policy;

  People(ObjectProvider<PersonDirectory> directory, ObjectProvider<ConfiguredPolicy> policy) {
    this.directory = directory;
    this.policy = policy;
  }

  /** A page of the people matching the text. */
  public PersonViews.Page search(String text, @Nullable String cursor, int limit) {
    PersonPage page;
    try {
      page = directory.getObject().search(text, cursor, limit);
    } catch (IllegalArgumentException e) {
      throw new BadRequest(e.getMessage());
    }
    return new PersonViews.Page(page.people().stream().map(Views::summary).toList(), page.next());
  }

  /** Everything about one person. */
  public PersonViews.Detail detail(String id) {
    PersonDetail detail =
        directory
            .getObject()
            .detail(new IdentityId(id))
            .orElseThrow(() -> new NotFound("there is no person " + id));
    Set<IdentityId> named = new HashSet<>(Views.owners(detail.pendingOperations()));
    named.addAll(Views.people(detail.history()));
    Map<IdentityId, String> names = directory.getObject().names(named);
    return Views.person(detail, policy.getObject().targets(), names);
  }

  /** Who is calling, and the person they are (when known). */
  public PersonViews.Me me(AccessPrincipal caller) {
    IdentityId person = caller.person();
    return new PersonViews.Me(
        caller.displayName(),
        caller.actor(),
        caller.roles().stream().map(AccessRole::label).toList(),
        AccessRules.union(caller.roles()).stream()
            .map(permission -> permission.name().toLowerCase(Locale.ROOT))
            .toList(),
        person == null || directory.getObject().find(person).isEmpty()
            ? null
            : detail(person.value()));
  }

  /** Whether the caller may see this person: anyone's with VIEW_PEOPLE, else only their own. */
  public static boolean maySee(AccessPrincipal caller, String id) {
    return caller.may(Permission.VIEW_PEOPLE)
        || (caller.person() != null && caller.person().value().equals(id));
  }
}
