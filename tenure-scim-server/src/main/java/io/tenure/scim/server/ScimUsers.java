package io.tenure.scim.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.GenericScimResource;
import com.unboundid.scim2.common.Path;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.exceptions.ForbiddenException;
import com.unboundid.scim2.common.exceptions.PreconditionFailedException;
import com.unboundid.scim2.common.exceptions.ResourceConflictException;
import com.unboundid.scim2.common.exceptions.ResourceNotFoundException;
import com.unboundid.scim2.common.exceptions.ScimException;
import com.unboundid.scim2.common.messages.PatchRequest;
import com.unboundid.scim2.common.utils.JsonUtils;
import io.tenure.core.correlation.Correlation;
import io.tenure.core.correlation.CorrelationRule;
import io.tenure.core.identity.Identity;
import io.tenure.core.identity.IdentityId;
import io.tenure.core.identity.LifecycleState;
import io.tenure.engine.audit.AuditEvent;
import io.tenure.engine.audit.AuditLog;
import io.tenure.engine.configuration.ScimSettings;
import io.tenure.engine.configuration.TenureConfiguration;
import io.tenure.engine.identity.IdentityRepository;
import io.tenure.engine.ingest.PushRefused;
import io.tenure.engine.ingest.PushSource;
import io.tenure.engine.ingest.SourcePush;
import io.tenure.engine.store.IdGenerator;
import io.tenure.engine.store.Transactions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * SCIM Users over the identity store. Reads and searches run in SQL (never by loading everybody).
 * Every write is a push from an authoritative source, which the engine's {@link SourcePush}
 * handles: the pushed User is correlated ({@code externalId}, then {@code userName}, then {@code
 * employeeId}), merged into the identity (the attributes of {@link UserMapping#OWNED} and those of
 * {@code scim.mapping} replaced), refused with 403 if it would change what another source decides,
 * its lifecycle recomputed and every lifecycle event audited with the actor {@code scim:<token
 * name>}; then the identity is planned for, the plan stored through the brake in the same
 * transaction, and executed at once after the commit. {@code active=false} and DELETE are leaver
 * events: the identity becomes TERMINATED (never removed; a DELETE also hides it from SCIM) and its
 * accounts are disabled.
 */
final class ScimUsers {

  /** The largest page a search returns. */
  static final int MAX_RESULTS = 200;

  private static final String VISIBLE =
      " not exists (select 1 from scim_deleted_users d where d.identity_id = i.id)";

  /** Identities with their stored SCIM resources, if pushed by SCIM. */
  static final String FROM = " from identities i left join scim_users s on s.identity_id = i.id";

  private static final String SELECT =
      "select i.id, i.state, i.attributes::text as attributes, s.resource::text as resource,"
          + " s.created_at, greatest(i.updated_at, s.updated_at) as updated_at, "
          + ScimGroups.GROUPS_OF_USER
          + " as groups"
          + FROM;

  /** How pushed Users correlate: {@code externalId}, then {@code userName}, then employeeId. */
  private static final CorrelationRule CORRELATION =
      new CorrelationRule("externalId", List.of("userName", "employeeId"));

  private final JdbcClient client;
  private final IdentityRepository identities;
  private final AuditLog audit;
  private final Transactions transactions;
  private final IdGenerator ids;
  private final Clock clock;
  private final ScimProvisioning provisioning;
  private final Map<String, Path> mapped;
  private final SourcePush push;

  /**
   * @param push the engine's handling of a pushed person record, for the source {@link #pushSource}
   */
  ScimUsers(
      DataSource dataSource,
      IdentityRepository identities,
      AuditLog audit,
      Transactions transactions,
      IdGenerator ids,
      Clock clock,
      ScimProvisioning provisioning,
      ScimSettings scim,
      SourcePush push) {
    this.client = JdbcClient.create(dataSource);
    this.identities = identities;
    this.audit = audit;
    this.transactions = transactions;
    this.ids = ids;
    this.clock = clock;
    this.provisioning = provisioning;
    Map<String, Path> paths = new TreeMap<>();
    scim.userAttributes().forEach((name, path) -> paths.put(name, ScimUserPaths.path(path)));
    this.mapped = Map.copyOf(paths);
    this.push = push;
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

  /** A User as served: the resource (meta included) and its version. */
  record Served(String id, ObjectNode resource, String version) {}

  /** A page of search results. */
  record Page(long totalResults, int startIndex, List<Served> resources) {}

  /** The User, or 404. */
  Served get(String id, String baseUrl) throws ScimException {
    return find(id, baseUrl)
        .orElseThrow(() -> new ResourceNotFoundException("User " + id + " not found"));
  }

  private Optional<Served> find(String id, String baseUrl) {
    return client
        .sql(SELECT + " where i.id = ? and" + VISIBLE)
        .param(id)
        .query((row, number) -> served(row, baseUrl))
        .optional();
  }

  /** The where clause of a search: visible Users matching the condition. */
  static String where(FilterSql condition) {
    return " where" + VISIBLE + " and " + condition.sql();
  }

  /** A search: filter (or null), sort, 1-based start index and count. */
  Page search(
      @Nullable String filter,
      @Nullable String sortBy,
      boolean descending,
      int startIndex,
      int count,
      String baseUrl)
      throws ScimException {
    FilterSql condition =
        filter == null || filter.isBlank() ? FilterSql.all() : FilterSql.of(filter);
    String where = where(condition);
    long total =
        client
            .sql("select count(*)" + FROM + where)
            .params(condition.parameters())
            .query(Long.class)
            .single();
    String order = FilterSql.orderBy(sortBy, descending, UserMapping::column, "i.id");
    int start = Math.max(1, startIndex);
    int size = Math.max(0, Math.min(MAX_RESULTS, count));
    List<Object> parameters = new ArrayList<>(condition.parameters());
    parameters.add(size);
    parameters.add((long) start - 1);
    List<Served> page =
        size == 0
            ? List.of()
            : client
                .sql(SELECT + where + order + " limit ? offset ?")
                .params(parameters)
                .query((row, number) -> served(row, baseUrl))
                .list();
    return new Page(total, start, page);
  }

  /** POST: a new person (201), or a returning one (a rehire of a terminated identity). */
  Served create(ObjectNode body, String actor, String baseUrl) throws ScimException {
    UserMapping.Pushed pushed = read(body);
    IdentityId id =
        push(
            actor,
            () -> {
              checkUserNameFree(pushed, null);
              Correlation correlation = push.correlate(pushed.attributes());
              Optional<Identity> before;
              IdentityId target;
              if (correlation instanceof Correlation.NoMatch) {
                before = Optional.empty();
                target = ids.newIdentityId();
              } else if (correlation instanceof Correlation.Matched matched) {
                before = identities.find(matched.id());
                boolean visible = find(matched.id().value(), baseUrl).isPresent();
                boolean gone =
                    before
                        .map(
                            identity ->
                                identity.state() == LifecycleState.TERMINATED
                                    || identity.state() == LifecycleState.PURGED)
                        .orElse(true);
                if (visible && !gone) {
                  throw ResourceConflictException.uniqueness(
                      "a User for this person exists already (" + correlation.describe() + ")");
                }
                target = matched.id();
              } else {
                throw ResourceConflictException.uniqueness(
                    correlation.describe() + "; nothing was linked");
              }
              client
                  .sql("delete from scim_deleted_users where identity_id = ?")
                  .param(target.value())
                  .update();
              push.push(
                  new SourcePush.Push(
                      target,
                      before,
                      pushed.attributes(),
                      pushed.active(),
                      actor,
                      "SCIM push",
                      correlation.describe()));
              store(target, pushed);
              return target;
            });
    return get(id.value(), baseUrl);
  }

  /** PUT: replaces the owned attributes; an omitted {@code active} keeps the employment. */
  Served replace(String id, ObjectNode body, @Nullable String ifMatch, String actor, String baseUrl)
      throws ScimException {
    UserMapping.Pushed pushed = read(body);
    checkImmutableId(body, id);
    return write(id, ifMatch, actor, baseUrl, current -> pushed);
  }

  /** PATCH: the operations applied to the current User, then written as a PUT of the result. */
  Served patch(String id, ObjectNode body, @Nullable String ifMatch, String actor, String baseUrl)
      throws ScimException {
    PatchRequest request = PatchRequests.parse(withCanonicalPaths(body));
    return write(
        id,
        ifMatch,
        actor,
        baseUrl,
        current -> {
          ObjectNode resource = current.deepCopy();
          resource.remove("meta");
          PatchRequests.apply(request, new GenericScimResource(resource));
          JsonNode newId = resource.get("id");
          if (newId == null || !newId.isTextual() || !newId.textValue().equals(id)) {
            throw BadRequestException.mutability("id is read-only");
          }
          JsonNode active = UserMapping.field(resource, "active");
          if (active != null && active.isTextual()) {
            Boolean value = UserMapping.bool(active);
            if (value != null) {
              resource.put("active", value);
            }
          }
          return read(resource);
        });
  }

  /** The PATCH message with its operations' paths spelt as the User schemas spell them. */
  private static ObjectNode withCanonicalPaths(ObjectNode body) {
    ObjectNode copy = body.deepCopy();
    JsonNode operations = UserMapping.field(copy, "Operations");
    if (operations != null && operations.isArray()) {
      for (JsonNode operation : operations) {
        if (operation.isObject()) {
          ObjectNode fields = (ObjectNode) operation;
          List<String> names = new ArrayList<>();
          fields.fieldNames().forEachRemaining(names::add);
          for (String name : names) {
            JsonNode path = fields.get(name);
            if (name.equalsIgnoreCase("path") && path.isTextual()) {
              fields.put(name, UserSchema.canonicalPath(path.textValue()));
            }
          }
        }
      }
    }
    return copy;
  }

  /** DELETE: a leaver event; the identity stays in Tenure, and is gone from SCIM (404). */
  void delete(String id, @Nullable String ifMatch, String actor, String baseUrl)
      throws ScimException {
    Served current = get(id, baseUrl);
    checkVersion(current, ifMatch);
    IdentityId identityId = new IdentityId(id);
    push(
        actor,
        () -> {
          Identity before =
              identities
                  .find(identityId)
                  .orElseThrow(() -> new ResourceNotFoundException("User " + id + " not found"));
          push.push(
              new SourcePush.Push(
                  identityId,
                  Optional.of(before),
                  push.providedValues(before),
                  Optional.of(false),
                  actor,
                  "SCIM DELETE",
                  "deleted by SCIM"));
          client
              .sql(
                  "insert into scim_deleted_users (identity_id, deleted_at, actor)"
                      + " values (?, ?, ?) on conflict (identity_id) do nothing")
              .param(id)
              .param(OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
              .param(actor)
              .update();
          leaveGroups(identityId, actor);
          return identityId;
        });
  }

  /**
   * Keeps the pushed resource as sent (normalised; no password, no read-only attributes): its
   * {@code created} is set once, {@code updated_at} moves only when the resource changes.
   */
  private void store(IdentityId id, UserMapping.Pushed pushed) {
    if (pushed.resource() == null) {
      return;
    }
    OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    client
        .sql(
            "insert into scim_users (identity_id, resource, created_at, updated_at)"
                + " values (?, ?::jsonb, ?, ?) on conflict (identity_id) do update"
                + " set resource = excluded.resource, updated_at = excluded.updated_at"
                + " where scim_users.resource is distinct from excluded.resource")
        .param(id.value())
        .param(pushed.resource().toString())
        .param(now)
        .param(now)
        .update();
  }

  /** A deleted User is no member of any Group any more (each removal audited). */
  private void leaveGroups(IdentityId id, String actor) {
    List<String> groups =
        client
            .sql("delete from scim_group_members where identity_id = ? returning group_id")
            .param(id.value())
            .query(String.class)
            .list();
    for (String group : groups) {
      audit.append(
          new AuditEvent(
              clock.instant(),
              actor,
              "scim.group.member-remove",
              "identity " + id,
              "removed from SCIM group " + group + ": the User was deleted",
              "success",
              Map.of("source", "scim", "group", group)));
    }
  }

  /** How a write turns the current User into what is pushed. */
  private interface Change {
    UserMapping.Pushed apply(ObjectNode current) throws ScimException;
  }

  private Served write(
      String id, @Nullable String ifMatch, String actor, String baseUrl, Change change)
      throws ScimException {
    Served current = get(id, baseUrl);
    checkVersion(current, ifMatch);
    UserMapping.Pushed pushed = change.apply(current.resource());
    IdentityId identityId = new IdentityId(id);
    push(
        actor,
        () -> {
          checkUserNameFree(pushed, id);
          Optional<Identity> before = identities.find(identityId);
          if (before.isEmpty()) {
            throw new ResourceNotFoundException("User " + id + " not found");
          }
          push.push(
              new SourcePush.Push(
                  identityId,
                  before,
                  pushed.attributes(),
                  pushed.active(),
                  actor,
                  "SCIM push",
                  "SCIM User " + id));
          store(identityId, pushed);
          return identityId;
        });
    return get(id, baseUrl);
  }

  private static void checkImmutableId(ObjectNode body, String id) throws BadRequestException {
    JsonNode given = UserMapping.field(body, "id");
    if (given != null && !given.isNull() && !(given.isTextual() && given.textValue().equals(id))) {
      throw BadRequestException.mutability("id is read-only and cannot be changed");
    }
  }

  static void checkVersion(Served current, @Nullable String ifMatch) throws ScimException {
    if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
      return;
    }
    for (String tag : ifMatch.split(",")) {
      if (sameTag(tag, current.version())) {
        return;
      }
    }
    throw new PreconditionFailedException(
        "the User has changed: its version is " + current.version());
  }

  /** Whether two entity tags are the same (weak comparison). */
  static boolean sameTag(String given, String version) {
    return opaque(given).equals(opaque(version));
  }

  private static String opaque(String tag) {
    String stripped = tag.strip();
    if (stripped.startsWith("W/")) {
      stripped = stripped.substring(2);
    }
    return stripped.replace("\"", "");
  }

  private void checkUserNameFree(UserMapping.Pushed pushed, @Nullable String self)
      throws ScimException {
    String userName = pushed.attributes().get("userName");
    UserMapping.Column column =
        UserMapping.column(Path.root().attribute("userName"), null).orElseThrow();
    boolean taken =
        client
            .sql(
                "select exists (select 1 from identities i where"
                    + VISIBLE
                    + " and lower("
                    + column.sql()
                    + ") = lower(?) and i.id <> ?)")
            .param(userName)
            .param(self == null ? "" : self)
            .query(Boolean.class)
            .single();
    if (taken) {
      throw ResourceConflictException.uniqueness("userName '" + userName + "' is already taken");
    }
  }

  /**
   * Runs the push and stores the plan for the pushed identity through the brake in the push's
   * transaction (both are kept, or neither), then executes the plan at once.
   */
  private IdentityId push(String actor, ScimTransaction.Work<IdentityId> work)
      throws ScimException {
    try {
      return provisioning.write(
          actor,
          "scim push",
          () -> {
            IdentityId id = work.run();
            return new ScimProvisioning.Written<>(id, Set.of(id));
          });
    } catch (PushRefused refused) {
      transactions.run(() -> push.auditRefusal(refused, actor));
      throw new ForbiddenException(refused.getMessage());
    }
  }

  private Served served(ResultSet row, String baseUrl) throws SQLException {
    String id = row.getString("id");
    Map<String, String> attributes = readAttributes(row.getString("attributes"));
    String stored = row.getString("resource");
    ObjectNode resource =
        UserMapping.toResource(
            id,
            LifecycleState.valueOf(row.getString("state")),
            attributes,
            stored == null ? null : (ObjectNode) readJson(stored));
    ScimGroups.showGroups(resource, row.getString("groups"), baseUrl);
    String version = version(resource);
    Instant lastModified = row.getTimestamp("updated_at").toInstant();
    Timestamp created = row.getTimestamp("created_at");
    resource.set(
        "meta",
        UserMapping.meta(
            baseUrl + "/Users/" + id,
            created == null ? null : created.toInstant(),
            lastModified,
            version));
    return new Served(id, resource, version);
  }

  private static Map<String, String> readAttributes(String json) throws SQLException {
    Map<String, String> attributes = new TreeMap<>();
    JsonNode node = readJson(json);
    for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (!field.getValue().isNull()) {
        attributes.put(field.getKey(), field.getValue().asText());
      }
    }
    return attributes;
  }

  private static JsonNode readJson(String json) throws SQLException {
    try {
      return JsonUtils.getObjectReader().readTree(json);
    } catch (IOException e) {
      throw new SQLException("stored JSON is not JSON", e);
    }
  }

  /** A weak entity tag over the resource's content. */
  static String version(ObjectNode resource) {
    try {
      byte[] bytes = JsonUtils.getObjectWriter().writeValueAsBytes(resource);
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
      return "W/\"" + HexFormat.of().formatHex(digest, 0, 10) + "\"";
    } catch (IOException | NoSuchAlgorithmException e) {
      throw new IllegalStateException("cannot compute a version", e);
    }
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
