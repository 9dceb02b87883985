package io.tenure.scim.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.GenericScimResource;
import com.unboundid.scim2.common.Path;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.exceptions.PreconditionFailedException;
import com.unboundid.scim2.common.exceptions.ResourceConflictException;
import com.unboundid.scim2.common.exceptions.ResourceNotFoundException;
import com.unboundid.scim2.common.exceptions.ScimException;
import com.unboundid.scim2.common.filters.Filter;
import com.unboundid.scim2.common.messages.PatchRequest;
import com.unboundid.scim2.common.utils.JsonUtils;
import io.tenure.core.identity.IdentityId;
import io.tenure.engine.audit.AuditEvent;
import io.tenure.engine.audit.AuditLog;
import io.tenure.engine.store.Transactions;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * SCIM Groups, stored ({@code scim_groups}, {@code scim_group_members}): a Group has a UUID id, a
 * displayName unique case-insensitively, an externalId and members, which are Users (nested groups
 * are refused). Reads and searches run in SQL; members are loaded only when the response shows
 * them.
 *
 * <p>A Group whose displayName is the name of a configured role is <em>role-backed</em>: its
 * members are assigned the role (planning reads the memberships, see {@code JdbcRoleAssignments}),
 * it is seeded at start when missing, it cannot be deleted and its displayName cannot change (the
 * role is configured in tenure.yaml). Other Groups are stored and shown faithfully and assign
 * nothing.
 *
 * <p>Every write runs in one transaction and is audited (one event for the group, one for each
 * member added or removed, the actor {@code scim:<token name>}); a write that changes who holds a
 * role plans for the people concerned and stores the plan through the mass-change brake in the same
 * transaction, then executes it at once, as a User push does ({@link ScimProvisioning}).
 */
final class ScimGroups {

  private static final String SELECT =
      "select g.id, g.display_name, g.external_id, g.created_at, g.updated_at, g.version"
          + " from scim_groups g";
  private static final String MEMBERS = "members";

  /** The attributes of Groups that filters and sortBy may name, over {@code scim_groups g}. */
  static final FilterSql.Columns COLUMNS =
      new FilterSql.Columns() {
        @Override
        public Optional<UserMapping.Column> column(Path path, @Nullable String prefix) {
          StringBuilder key = new StringBuilder();
          String urn = path.getSchemaUrn();
          if (urn != null && !urn.equalsIgnoreCase(ScimSchemas.GROUP)) {
            return Optional.empty();
          }
          if (prefix != null) {
            key.append(prefix.toLowerCase(Locale.ROOT)).append('.');
          }
          for (int index = 0; index < path.size(); index++) {
            key.append(index > 0 ? "." : "")
                .append(path.getElement(index).getAttribute().toLowerCase(Locale.ROOT));
          }
          return Optional.ofNullable(GROUP_COLUMNS.get(key.toString()));
        }

        @Override
        public String anyValue(Path path, String condition) {
          if (path.size() > 0 && path.getElement(0).getAttribute().equalsIgnoreCase(MEMBERS)) {
            return "exists (select 1 from scim_group_members m where m.group_id = g.id and "
                + condition
                + ")";
          }
          return condition;
        }
      };

  private static final Map<String, UserMapping.Column> GROUP_COLUMNS = groupColumns();

  private static Map<String, UserMapping.Column> groupColumns() {
    Map<String, UserMapping.Column> columns = new HashMap<>();
    columns.put("id", new UserMapping.Column("g.id", UserMapping.Kind.EXACT_STRING));
    columns.put(
        "externalid", new UserMapping.Column("g.external_id", UserMapping.Kind.EXACT_STRING));
    columns.put("displayname", new UserMapping.Column("g.display_name", UserMapping.Kind.STRING));
    columns.put("meta.created", new UserMapping.Column("g.created_at", UserMapping.Kind.DATE_TIME));
    columns.put(
        "meta.lastmodified", new UserMapping.Column("g.updated_at", UserMapping.Kind.DATE_TIME));
    columns.put("meta.resourcetype", new UserMapping.Column("'Group'", UserMapping.Kind.STRING));
    UserMapping.Column member =
        new UserMapping.Column("m.identity_id", UserMapping.Kind.EXACT_STRING);
    columns.put(MEMBERS, member);
    columns.put("members.value", member);
    columns.put("members.display", new UserMapping.Column(display("m"), UserMapping.Kind.STRING));
    columns.put("members.type", new UserMapping.Column("'User'", UserMapping.Kind.STRING));
    return Map.copyOf(columns);
  }

  /**
   * A SQL expression over {@code identities i}: the Groups the User is a member of, as a JSON array
   * of {@code {value, display, type}} ordered by displayName, or null.
   */
  static final String GROUPS_OF_USER = "(" + groupsOfUser("json") + ")::text";

  /**
   * A SQL expression over {@code identities i}: the Groups the User is a member of, as a jsonb
   * array of {@code {value, display, type}} (empty when none), for filters and sorting.
   */
  static final String GROUPS_OF_USER_JSONB =
      "coalesce((" + groupsOfUser("jsonb") + "), '[]'::jsonb)";

  private static String groupsOfUser(String json) {
    return "select "
        + json
        + "_agg("
        + json
        + "_build_object('value', g.id, 'display', g.display_name, 'type', 'direct')"
        + " order by lower(g.display_name), g.id)"
        + " from scim_group_members m join scim_groups g on g.id = m.group_id"
        + " where m.identity_id = i.id";
  }

  /**
   * Sets a User's read-only {@code groups} from {@link #GROUPS_OF_USER} (nothing when null), each
   * with its {@code $ref}.
   */
  static void showGroups(ObjectNode user, @Nullable String groups, String baseUrl)
      throws SQLException {
    if (groups == null) {
      return;
    }
    try {
      JsonNode parsed = JsonUtils.getObjectReader().readTree(groups);
      ArrayNode shown = user.putArray("groups");
      for (JsonNode group : parsed) {
        ObjectNode copy = ((ObjectNode) group).deepCopy();
        copy.put("$ref", baseUrl + "/Groups/" + group.get("value").textValue());
        shown.add(copy);
      }
    } catch (java.io.IOException | RuntimeException e) {
      throw new SQLException("the groups of a User are not a JSON array", e);
    }
  }

  /** The display of the User a membership row names: its userName as Users show it. */
  private static String display(String membership) {
    String userName =
        UserMapping.column(Path.root().attribute("userName"), null).orElseThrow().sql();
    return "(select "
        + userName
        + " from identities i where i.id = "
        + membership
        + ".identity_id)";
  }

  private final JdbcClient client;
  private final Set<String> roles;
  private final AuditLog audit;
  private final Transactions transactions;
  private final Clock clock;
  private final ScimProvisioning provisioning;

  ScimGroups(
      DataSource dataSource,
      Set<String> roles,
      AuditLog audit,
      Transactions transactions,
      Clock clock,
      ScimProvisioning provisioning) {
    this.client = JdbcClient.create(dataSource);
    this.roles = Set.copyOf(roles);
    this.audit = audit;
    this.transactions = transactions;
    this.clock = clock;
    this.provisioning = provisioning;
  }

  /** One Group per configured role whose displayName no Group has yet (idempotent). */
  void seed() {
    for (String role : new TreeSet<>(roles)) {
      OffsetDateTime now = now();
      client
          .sql(
              "insert into scim_groups (id, display_name, created_at, updated_at)"
                  + " values (?, ?, ?, ?) on conflict ((lower(display_name))) do nothing")
          .param(UUID.randomUUID().toString())
          .param(role)
          .param(now)
          .param(now)
          .update();
    }
  }

  /** Whether a response with these attributes shows members (so they must be loaded). */
  static boolean showsMembers(List<String> attributes, List<String> excluded) {
    boolean named =
        attributes.isEmpty()
            || attributes.stream().anyMatch(name -> attributeName(name).equals(MEMBERS));
    return named && excluded.stream().noneMatch(name -> attributeName(name).equals(MEMBERS));
  }

  private static String attributeName(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    String core = ScimSchemas.GROUP.toLowerCase(Locale.ROOT) + ":";
    if (lower.startsWith(core)) {
      lower = lower.substring(core.length());
    }
    int dot = lower.indexOf('.');
    return dot < 0 ? lower : lower.substring(0, dot);
  }

  /** The Group, or 404. */
  ScimUsers.Served get(String id, String baseUrl, boolean withMembers) throws ScimException {
    return find(id, baseUrl, withMembers)
        .orElseThrow(() -> new ResourceNotFoundException("Group " + id + " not found"));
  }

  private Optional<ScimUsers.Served> find(String id, String baseUrl, boolean withMembers) {
    Optional<Stored> stored =
        client.sql(SELECT + " where g.id = ?").param(id).query(ScimGroups::stored).optional();
    return stored.map(
        group ->
            served(
                group, withMembers ? members(List.of(group.id())).get(group.id()) : null, baseUrl));
  }

  /** A search: filter (or null), sort, 1-based start index and count. */
  ScimUsers.Page search(
      @Nullable String filter,
      @Nullable String sortBy,
      boolean descending,
      int startIndex,
      int count,
      String baseUrl,
      boolean withMembers)
      throws ScimException {
    FilterSql condition =
        filter == null || filter.isBlank() ? FilterSql.all() : FilterSql.of(filter, COLUMNS);
    String where = " where " + condition.sql();
    long total =
        client
            .sql("select count(*) from scim_groups g" + where)
            .params(condition.parameters())
            .query(Long.class)
            .single();
    if (sortBy != null && sortBy.strip().toLowerCase(Locale.ROOT).startsWith(MEMBERS)) {
      throw BadRequestException.invalidValue("cannot sort by '" + sortBy + "'");
    }
    String order = FilterSql.orderBy(sortBy, descending, COLUMNS, "g.id");
    int start = Math.max(1, startIndex);
    int size = Math.max(0, Math.min(ScimUsers.MAX_RESULTS, count));
    List<Object> parameters = new ArrayList<>(condition.parameters());
    parameters.add(size);
    parameters.add((long) start - 1);
    List<Stored> page =
        size == 0
            ? List.of()
            : client
                .sql(SELECT + where + order + " limit ? offset ?")
                .params(parameters)
                .query(ScimGroups::stored)
                .list();
    Map<String, List<Member>> members =
        withMembers ? members(page.stream().map(Stored::id).toList()) : Map.of();
    return new ScimUsers.Page(
        total,
        start,
        page.stream()
            .map(group -> served(group, withMembers ? members.get(group.id()) : null, baseUrl))
            .toList());
  }

  /** POST: a new Group (201). */
  ScimUsers.Served create(ObjectNode body, String actor, String baseUrl) throws ScimException {
    Wanted wanted = Wanted.of(body);
    String id = UUID.randomUUID().toString();
    return write(id, null, null, actor, baseUrl, current -> wanted);
  }

  /** PUT: replaces displayName, externalId and members. */
  ScimUsers.Served replace(
      String id, ObjectNode body, @Nullable String ifMatch, String actor, String baseUrl)
      throws ScimException {
    JsonNode given = UserMapping.field(body, "id");
    if (given != null && !given.isNull() && !(given.isTextual() && given.textValue().equals(id))) {
      throw BadRequestException.mutability("id is read-only and cannot be changed");
    }
    Wanted wanted = Wanted.of(body);
    return write(id, existing(id), ifMatch, actor, baseUrl, current -> wanted);
  }

  /** PATCH: the operations applied to the current Group, then written as a PUT of the result. */
  ScimUsers.Served patch(
      String id, ObjectNode body, @Nullable String ifMatch, String actor, String baseUrl)
      throws ScimException {
    PatchRequest request = PatchRequests.parse(memberRemovalsAsPaths(body));
    return write(
        id,
        existing(id),
        ifMatch,
        actor,
        baseUrl,
        current -> {
          ObjectNode resource = java.util.Objects.requireNonNull(current).deepCopy();
          resource.remove("meta");
          PatchRequests.apply(request, new GenericScimResource(resource));
          JsonNode newId = resource.get("id");
          if (newId == null || !newId.isTextual() || !newId.textValue().equals(id)) {
            throw BadRequestException.mutability("id is read-only");
          }
          return Wanted.of(resource);
        });
  }

  /** DELETE: the Group and its memberships are gone (404 after); role-backed Groups stay. */
  void delete(String id, @Nullable String ifMatch, String actor) throws ScimException {
    ScimTransaction.run(
        transactions,
        () -> {
          Stored current = locked(id);
          checkVersion(current, ifMatch);
          if (roles.contains(current.displayName())) {
            throw BadRequestException.mutability(roleBacked(current.displayName()));
          }
          Set<String> members = memberIds(id);
          client.sql("delete from scim_groups where id = ?").param(id).update();
          audit.append(
              event(
                  actor,
                  "scim.group.delete",
                  current,
                  "SCIM DELETE of group " + current.displayName(),
                  Map.of("members", Integer.toString(members.size()))));
          // a Group that is not role-backed assigns nothing: nobody's access changes
          return id;
        });
  }

  private static String roleBacked(String displayName) {
    return "Group "
        + displayName
        + " is role "
        + displayName
        + ", configured in tenure.yaml: it cannot be deleted or renamed over SCIM";
  }

  /** 404 unless the Group exists (checked before a PATCH or PUT body is even considered). */
  private Stored existing(String id) throws ScimException {
    return row(id, "");
  }

  /** How a write turns the current Group (null for a new one) into what is wanted. */
  private interface Change {
    Wanted apply(@Nullable ObjectNode current) throws ScimException;
  }

  private ScimUsers.Served write(
      String id,
      @Nullable Stored known,
      @Nullable String ifMatch,
      String actor,
      String baseUrl,
      Change change)
      throws ScimException {
    try {
      provisioning.write(
          actor,
          "scim group",
          () -> {
            Stored current = known == null ? null : locked(id);
            Set<String> before = current == null ? Set.of() : memberIds(id);
            ObjectNode resource = null;
            if (current != null) {
              checkVersion(current, ifMatch);
              resource = served(current, members(List.of(id)).get(id), baseUrl).resource();
            }
            Wanted wanted = change.apply(resource);
            checkRename(current, wanted);
            checkMembers(wanted.members());
            OffsetDateTime now = now();
            if (current == null) {
              client
                  .sql(
                      "insert into scim_groups (id, display_name, external_id, created_at,"
                          + " updated_at) values (?, ?, ?, ?, ?)")
                  .param(id)
                  .param(wanted.displayName())
                  .param(wanted.externalId())
                  .param(now)
                  .param(now)
                  .update();
            } else {
              client
                  .sql(
                      "update scim_groups set display_name = ?, external_id = ?,"
                          + " updated_at = ?, version = version + 1 where id = ?")
                  .param(wanted.displayName())
                  .param(wanted.externalId())
                  .param(now)
                  .param(id)
                  .update();
            }
            Set<String> added = new TreeSet<>(wanted.members());
            added.removeAll(before);
            Set<String> removed = new TreeSet<>(before);
            removed.removeAll(wanted.members());
            if (!added.isEmpty()) {
              client
                  .sql(
                      "insert into scim_group_members (group_id, identity_id, added_at, added_by)"
                          + " select ?, member, ?, ? from unnest(?::text[]) as member")
                  .param(id)
                  .param(now)
                  .param(actor)
                  .param(added.toArray(String[]::new))
                  .update();
            }
            if (!removed.isEmpty()) {
              client
                  .sql(
                      "delete from scim_group_members where group_id = ?"
                          + " and identity_id = any(?)")
                  .param(id)
                  .param(removed.toArray(String[]::new))
                  .update();
            }
            Stored after = locked(id);
            audit(actor, current, after, added, removed);
            return new ScimProvisioning.Written<>(
                after, affected(current, after, before, wanted.members()));
          });
    } catch (DuplicateKeyException e) {
      throw ResourceConflictException.uniqueness("a Group with this displayName exists already");
    }
    return get(id, baseUrl, true);
  }

  /** The people whose assigned roles the write changed. */
  private Set<IdentityId> affected(
      @Nullable Stored current, Stored after, Set<String> before, Set<String> now) {
    boolean roleBefore = current != null && roles.contains(current.displayName());
    boolean roleAfter = roles.contains(after.displayName());
    Set<String> people = new TreeSet<>();
    if (roleBefore != roleAfter
        || (current != null && !current.displayName().equals(after.displayName()))) {
      people.addAll(before);
      people.addAll(now);
    } else if (roleAfter) {
      people.addAll(now);
      people.addAll(before);
      Set<String> kept = new TreeSet<>(now);
      kept.retainAll(before);
      people.removeAll(kept);
    }
    Set<IdentityId> ids = new LinkedHashSet<>();
    people.forEach(person -> ids.add(new IdentityId(person)));
    return ids;
  }

  private void checkRename(@Nullable Stored current, Wanted wanted) throws ScimException {
    if (current != null
        && roles.contains(current.displayName())
        && !current.displayName().equals(wanted.displayName())) {
      throw BadRequestException.mutability(roleBacked(current.displayName()));
    }
    boolean taken =
        client
            .sql(
                "select exists (select 1 from scim_groups where lower(display_name) = lower(?)"
                    + " and id <> ?)")
            .param(wanted.displayName())
            .param(current == null ? "" : current.id())
            .query(Boolean.class)
            .single();
    if (taken) {
      throw ResourceConflictException.uniqueness(
          "a Group named '" + wanted.displayName() + "' exists already");
    }
  }

  /** Every member must be a User: a Group is refused (no nesting), an unknown id too. */
  private void checkMembers(Set<String> members) throws ScimException {
    if (members.isEmpty()) {
      return;
    }
    String[] ids = members.toArray(String[]::new);
    Set<String> users =
        new TreeSet<>(
            client
                .sql(
                    "select i.id from identities i where i.id = any(?) and not exists"
                        + " (select 1 from scim_deleted_users d where d.identity_id = i.id)")
                .param(ids)
                .query(String.class)
                .list());
    if (users.size() == members.size()) {
      return;
    }
    Set<String> unknown = new TreeSet<>(members);
    unknown.removeAll(users);
    List<String> groups =
        client
            .sql("select id from scim_groups where id = any(?) order by id")
            .param(unknown.toArray(String[]::new))
            .query(String.class)
            .list();
    if (!groups.isEmpty()) {
      throw BadRequestException.invalidValue(
          "members must be Users; "
              + groups.get(0)
              + " is a Group and nested groups are not supported");
    }
    throw BadRequestException.invalidValue("members name no User: " + listed(unknown));
  }

  /** The first ten values, then how many there are in all when there are more. */
  private static String listed(Collection<String> values) {
    String first = String.join(", ", values.stream().limit(10).toList());
    return values.size() > 10 ? first + ", … (" + values.size() + " in all)" : first;
  }

  private void audit(
      String actor, @Nullable Stored before, Stored after, Set<String> added, Set<String> removed) {
    Map<String, String> details = new LinkedHashMap<>();
    details.put("source", "scim");
    details.put("group", after.id());
    details.put("displayName", after.displayName());
    details.put("added", Integer.toString(added.size()));
    details.put("removed", Integer.toString(removed.size()));
    if (before != null && !before.displayName().equals(after.displayName())) {
      details.put("previousDisplayName", before.displayName());
    }
    audit.append(
        event(
            actor,
            before == null ? "scim.group.create" : "scim.group.update",
            after,
            (before == null ? "SCIM group created: " : "SCIM group changed: ")
                + after.displayName(),
            details));
    String role = roles.contains(after.displayName()) ? " (role " + after.displayName() + ")" : "";
    memberEvents(actor, "scim.group.member-add", added, "added to SCIM group ", after, role);
    memberEvents(
        actor, "scim.group.member-remove", removed, "removed from SCIM group ", after, role);
  }

  private void memberEvents(
      String actor, String action, Set<String> members, String what, Stored group, String role) {
    for (String member : members) {
      audit.append(
          new AuditEvent(
              clock.instant(),
              actor,
              action,
              "identity " + member,
              what + group.displayName() + role,
              "success",
              Map.of("source", "scim", "group", group.id())));
    }
  }

  private AuditEvent event(
      String actor, String action, Stored group, String reason, Map<String, String> details) {
    return new AuditEvent(
        clock.instant(), actor, action, "scim group " + group.id(), reason, "success", details);
  }

  private Stored locked(String id) throws ScimException {
    return row(id, " for update");
  }

  private Stored row(String id, String lock) throws ScimException {
    return client
        .sql(SELECT + " where g.id = ?" + lock)
        .param(id)
        .query(ScimGroups::stored)
        .optional()
        .orElseThrow(() -> new ResourceNotFoundException("Group " + id + " not found"));
  }

  private Set<String> memberIds(String id) {
    return new TreeSet<>(
        client
            .sql("select identity_id from scim_group_members where group_id = ?")
            .param(id)
            .query(String.class)
            .list());
  }

  private static void checkVersion(Stored current, @Nullable String ifMatch) throws ScimException {
    if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
      return;
    }
    for (String tag : ifMatch.split(",")) {
      if (ScimUsers.sameTag(tag, current.version())) {
        return;
      }
    }
    throw new PreconditionFailedException(
        "the Group has changed: its version is " + current.version());
  }

  private OffsetDateTime now() {
    return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
  }

  /** A Group's row. */
  private record Stored(
      String id,
      String displayName,
      @Nullable String externalId,
      OffsetDateTime created,
      OffsetDateTime modified,
      long number) {

    String version() {
      return "W/\"" + number + "\"";
    }
  }

  private static Stored stored(ResultSet row, int number) throws SQLException {
    return new Stored(
        row.getString("id"),
        row.getString("display_name"),
        row.getString("external_id"),
        row.getObject("created_at", OffsetDateTime.class),
        row.getObject("updated_at", OffsetDateTime.class),
        row.getLong("version"));
  }

  /** A member as shown: the User's id and display. */
  private record Member(String value, String display) {}

  /** The members of these Groups, by Group id (Groups without members absent). */
  private Map<String, List<Member>> members(List<String> groups) {
    Map<String, List<Member>> members = new HashMap<>();
    if (groups.isEmpty()) {
      return members;
    }
    client
        .sql(
            "select m.group_id, m.identity_id, "
                + display("m")
                + " as display from scim_group_members m where m.group_id = any(?)"
                + " order by m.group_id, m.identity_id")
        .param(groups.toArray(String[]::new))
        .query(
            row -> {
              members
                  .computeIfAbsent(row.getString("group_id"), key -> new ArrayList<>())
                  .add(new Member(row.getString("identity_id"), row.getString("display")));
            });
    return members;
  }

  private static ScimUsers.Served served(
      Stored group, @Nullable List<Member> members, String baseUrl) {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    ObjectNode resource = nodes.objectNode();
    resource.putArray("schemas").add(ScimSchemas.GROUP);
    resource.put("id", group.id());
    if (group.externalId() != null) {
      resource.put("externalId", group.externalId());
    }
    resource.put("displayName", group.displayName());
    if (members != null && !members.isEmpty()) {
      ArrayNode array = resource.putArray(MEMBERS);
      for (Member member : members) {
        array
            .addObject()
            .put("value", member.value())
            .put("$ref", baseUrl + "/Users/" + member.value())
            .put("display", member.display())
            .put("type", "User");
      }
    }
    ObjectNode meta = resource.putObject("meta");
    meta.put("resourceType", "Group");
    meta.put("created", group.created().toInstant().toString());
    meta.put("lastModified", group.modified().toInstant().toString());
    meta.put("location", baseUrl + "/Groups/" + group.id());
    meta.put("version", group.version());
    return new ScimUsers.Served(group.id(), resource, group.version());
  }

  /**
   * A PATCH that removes members by value ({@code {"op": "remove", "path": "members", "value":
   * [{"value": "id"}]}}, as Azure AD sends it) rewritten to the standard form, one {@code
   * members[value eq "id"]} removal per value.
   */
  private static ObjectNode memberRemovalsAsPaths(ObjectNode body) throws BadRequestException {
    JsonNode operations = UserMapping.field(body, "Operations");
    if (operations == null || !operations.isArray()) {
      return body;
    }
    ObjectNode copy = body.deepCopy();
    ArrayNode rewritten = copy.arrayNode();
    for (JsonNode operation : operations) {
      JsonNode op = UserMapping.field(operation, "op");
      JsonNode path = UserMapping.field(operation, "path");
      JsonNode value = UserMapping.field(operation, "value");
      boolean removalByValue =
          op != null
              && op.isTextual()
              && op.textValue().equalsIgnoreCase("remove")
              && path != null
              && path.isTextual()
              && path.textValue().equalsIgnoreCase(MEMBERS)
              && value != null
              && value.isArray();
      if (!removalByValue) {
        rewritten.add(operation);
        continue;
      }
      for (JsonNode member : value) {
        JsonNode id = member.isObject() ? UserMapping.field(member, "value") : null;
        if (id == null || !id.isTextual()) {
          rewritten.add(operation);
          break;
        }
        rewritten
            .addObject()
            .put("op", "remove")
            .put(
                "path",
                Path.root().attribute(MEMBERS, Filter.eq("value", id.textValue())).toString());
      }
    }
    copy.set("Operations", rewritten);
    return copy;
  }

  /** What a write asks for: the Group's displayName, externalId and member ids. */
  private record Wanted(String displayName, @Nullable String externalId, Set<String> members) {

    static Wanted of(ObjectNode resource) throws BadRequestException {
      JsonNode displayName = UserMapping.field(resource, "displayName");
      if (displayName == null || !displayName.isTextual() || displayName.textValue().isBlank()) {
        throw BadRequestException.invalidValue("a Group needs a displayName");
      }
      JsonNode externalId = UserMapping.field(resource, "externalId");
      if (externalId != null && !externalId.isNull() && !externalId.isTextual()) {
        throw BadRequestException.invalidValue("externalId must be a string");
      }
      Set<String> members = new TreeSet<>();
      JsonNode given = UserMapping.field(resource, MEMBERS);
      if (given != null && !given.isNull()) {
        if (!given.isArray()) {
          throw BadRequestException.invalidSyntax("members must be an array");
        }
        for (JsonNode member : given) {
          JsonNode value = member.isObject() ? UserMapping.field(member, "value") : null;
          if (value == null || !value.isTextual() || value.textValue().isBlank()) {
            throw BadRequestException.invalidValue("each member needs a value: a User's id");
          }
          JsonNode type = UserMapping.field(member, "type");
          if (type != null && type.isTextual() && type.textValue().equalsIgnoreCase("Group")) {
            throw BadRequestException.invalidValue(
                "member " + value.textValue() + " is a Group and nested groups are not supported");
          }
          members.add(value.textValue());
        }
      }
      return new Wanted(
          displayName.textValue(),
          externalId == null || externalId.isNull() ? null : externalId.textValue(),
          members);
    }
  }
}
