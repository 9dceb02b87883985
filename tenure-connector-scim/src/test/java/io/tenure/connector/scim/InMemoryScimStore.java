package io.tenure.connector.scim;

import de.captaingoldfish.scim.sdk.common.constants.enums.SortOrder;
import de.captaingoldfish.scim.sdk.common.exceptions.ConflictException;
import de.captaingoldfish.scim.sdk.common.exceptions.ResourceNotFoundException;
import de.captaingoldfish.scim.sdk.common.resources.Group;
import de.captaingoldfish.scim.sdk.common.resources.User;
import de.captaingoldfish.scim.sdk.common.resources.complex.Meta;
import de.captaingoldfish.scim.sdk.common.resources.multicomplex.GroupNode;
import de.captaingoldfish.scim.sdk.common.resources.multicomplex.Member;
import de.captaingoldfish.scim.sdk.common.schemas.SchemaAttribute;
import de.captaingoldfish.scim.sdk.common.utils.JsonHelper;
import de.captaingoldfish.scim.sdk.server.endpoints.Context;
import de.captaingoldfish.scim.sdk.server.endpoints.ResourceHandler;
import de.captaingoldfish.scim.sdk.server.filter.FilterNode;
import de.captaingoldfish.scim.sdk.server.response.PartialListResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * Storage for the test SCIM provider: users and groups kept as JSON text in insertion order. The
 * protocol (parsing, filtering, paging, PATCH, validation) is the third-party library's; this class
 * only stores, enforces uniqueness of userName / displayName and computes the users' read-only
 * {@code groups} attribute from group memberships, as a real provider does.
 */
public final class InMemoryScimStore {

  private final Map<String, String> users = new LinkedHashMap<>();
  private final Map<String, String> groups = new LinkedHashMap<>();

  final ResourceHandler<User> userHandler = new UserHandler();
  final ResourceHandler<Group> groupHandler = new GroupHandler();

  /** How many Users the provider holds. */
  public synchronized int userCount() {
    return users.size();
  }

  /** The Users as stored (JSON), in creation order. */
  public synchronized List<String> usersJson() {
    return List.copyOf(users.values());
  }

  /** The Groups as stored (JSON), in creation order. */
  public synchronized List<String> groupsJson() {
    return List.copyOf(groups.values());
  }

  private synchronized User readUser(String json) {
    User user = JsonHelper.readJsonDocument(json, User.class);
    String id = user.getId().orElseThrow();
    List<GroupNode> memberships = new ArrayList<>();
    for (String groupJson : groups.values()) {
      Group group = JsonHelper.readJsonDocument(groupJson, Group.class);
      boolean member =
          group.getMembers().stream().anyMatch(m -> m.getValue().orElse("").equals(id));
      if (member) {
        memberships.add(
            GroupNode.builder()
                .value(group.getId().orElseThrow())
                .display(group.getDisplayName().orElse(null))
                .type("direct")
                .build());
      }
    }
    if (!memberships.isEmpty()) {
      user.setGroups(memberships);
    }
    return user;
  }

  private static Meta meta(String resourceType, Optional<Meta> previous) {
    Instant now = Instant.now();
    Instant created = previous.flatMap(Meta::getCreated).orElse(now);
    return Meta.builder().created(created).lastModified(now).resourceType(resourceType).build();
  }

  private static void checkUnique(
      Map<String, String> store,
      String ownId,
      String value,
      Function<String, Optional<String>> nameOf,
      String attribute) {
    for (Map.Entry<String, String> entry : store.entrySet()) {
      if (entry.getKey().equals(ownId)) {
        continue;
      }
      Optional<String> other = nameOf.apply(entry.getValue());
      if (other.isPresent()
          && other.get().toLowerCase(Locale.ROOT).equals(value.toLowerCase(Locale.ROOT))) {
        throw new ConflictException(attribute + " is already taken", "uniqueness");
      }
    }
  }

  private final class UserHandler extends ResourceHandler<User> {

    @Override
    public User createResource(User resource, Context context) {
      synchronized (InMemoryScimStore.this) {
        String id = UUID.randomUUID().toString();
        checkUnique(
            users, id, resource.getUserName().orElse(""), InMemoryScimStore::userName, "userName");
        resource.remove("groups");
        resource.setId(id);
        resource.remove("meta");
        resource.setMeta(meta("User", Optional.empty()));
        users.put(id, resource.toString());
        return readUser(users.get(id));
      }
    }

    @Override
    public User getResource(
        String id,
        List<SchemaAttribute> attributes,
        List<SchemaAttribute> excludedAttributes,
        Context context) {
      synchronized (InMemoryScimStore.this) {
        String json = users.get(id);
        return json == null ? null : readUser(json);
      }
    }

    @Override
    public PartialListResponse<User> listResources(
        long startIndex,
        int count,
        FilterNode filter,
        SchemaAttribute sortBy,
        SortOrder sortOrder,
        List<SchemaAttribute> attributes,
        List<SchemaAttribute> excludedAttributes,
        Context context) {
      synchronized (InMemoryScimStore.this) {
        List<User> all = new ArrayList<>();
        users.values().forEach(json -> all.add(readUser(json)));
        return PartialListResponse.<User>builder().resources(all).totalResults(all.size()).build();
      }
    }

    @Override
    public User updateResource(User resource, Context context) {
      synchronized (InMemoryScimStore.this) {
        String id = resource.getId().orElseThrow();
        String previous = users.get(id);
        if (previous == null) {
          throw new ResourceNotFoundException("no user " + id);
        }
        checkUnique(
            users, id, resource.getUserName().orElse(""), InMemoryScimStore::userName, "userName");
        resource.remove("groups");
        resource.remove("meta");
        resource.setMeta(meta("User", JsonHelper.readJsonDocument(previous, User.class).getMeta()));
        users.put(id, resource.toString());
        return readUser(users.get(id));
      }
    }

    @Override
    public void deleteResource(String id, Context context) {
      synchronized (InMemoryScimStore.this) {
        if (users.remove(id) == null) {
          throw new ResourceNotFoundException("no user " + id);
        }
        for (Map.Entry<String, String> entry : groups.entrySet()) {
          Group group = JsonHelper.readJsonDocument(entry.getValue(), Group.class);
          List<Member> kept = new ArrayList<>(group.getMembers());
          if (kept.removeIf(member -> member.getValue().orElse("").equals(id))) {
            group.setMembers(kept);
            entry.setValue(group.toString());
          }
        }
      }
    }
  }

  private final class GroupHandler extends ResourceHandler<Group> {

    @Override
    public Group createResource(Group resource, Context context) {
      synchronized (InMemoryScimStore.this) {
        String id = UUID.randomUUID().toString();
        checkUnique(
            groups,
            id,
            resource.getDisplayName().orElse(""),
            InMemoryScimStore::displayName,
            "displayName");
        resource.setId(id);
        resource.remove("meta");
        resource.setMeta(meta("Group", Optional.empty()));
        groups.put(id, resource.toString());
        return JsonHelper.readJsonDocument(groups.get(id), Group.class);
      }
    }

    @Override
    public Group getResource(
        String id,
        List<SchemaAttribute> attributes,
        List<SchemaAttribute> excludedAttributes,
        Context context) {
      synchronized (InMemoryScimStore.this) {
        String json = groups.get(id);
        return json == null ? null : JsonHelper.readJsonDocument(json, Group.class);
      }
    }

    @Override
    public PartialListResponse<Group> listResources(
        long startIndex,
        int count,
        FilterNode filter,
        SchemaAttribute sortBy,
        SortOrder sortOrder,
        List<SchemaAttribute> attributes,
        List<SchemaAttribute> excludedAttributes,
        Context context) {
      synchronized (InMemoryScimStore.this) {
        List<Group> all = new ArrayList<>();
        groups.values().forEach(json -> all.add(JsonHelper.readJsonDocument(json, Group.class)));
        return PartialListResponse.<Group>builder().resources(all).totalResults(all.size()).build();
      }
    }

    @Override
    public Group updateResource(Group resource, Context context) {
      synchronized (InMemoryScimStore.this) {
        String id = resource.getId().orElseThrow();
        String previous = groups.get(id);
        if (previous == null) {
          throw new ResourceNotFoundException("no group " + id);
        }
        checkUnique(
            groups,
            id,
            resource.getDisplayName().orElse(""),
            InMemoryScimStore::displayName,
            "displayName");
        resource.remove("meta");
        resource.setMeta(
            meta("Group", JsonHelper.readJsonDocument(previous, Group.class).getMeta()));
        groups.put(id, resource.toString());
        return JsonHelper.readJsonDocument(groups.get(id), Group.class);
      }
    }

    @Override
    public void deleteResource(String id, Context context) {
      synchronized (InMemoryScimStore.this) {
        if (groups.remove(id) == null) {
          throw new ResourceNotFoundException("no group " + id);
        }
      }
    }
  }

  private static Optional<String> userName(String json) {
    return JsonHelper.readJsonDocument(json, User.class).getUserName();
  }

  private static Optional<String> displayName(String json) {
    return JsonHelper.readJsonDocument(json, Group.class).getDisplayName();
  }
}
