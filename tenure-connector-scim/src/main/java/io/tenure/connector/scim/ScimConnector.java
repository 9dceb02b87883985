package io.tenure.connector.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.client.ScimService;
import com.unboundid.scim2.client.requests.SearchRequestBuilder;
import com.unboundid.scim2.common.GenericScimResource;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.exceptions.ScimException;
import com.unboundid.scim2.common.filters.Filter;
import com.unboundid.scim2.common.messages.ListResponse;
import com.unboundid.scim2.common.messages.PatchOperation;
import com.unboundid.scim2.common.messages.PatchRequest;
import com.unboundid.scim2.common.utils.FilterEvaluator;
import io.tenure.connector.spi.AccountReference;
import io.tenure.connector.spi.AttributeDelta;
import io.tenure.connector.spi.BatchCall;
import io.tenure.connector.spi.BatchCapability;
import io.tenure.connector.spi.BatchResult;
import io.tenure.connector.spi.Connector;
import io.tenure.connector.spi.ConnectorException;
import io.tenure.connector.spi.CreateCapability;
import io.tenure.connector.spi.DeleteCapability;
import io.tenure.connector.spi.EnableDisableCapability;
import io.tenure.connector.spi.EntitlementCapability;
import io.tenure.connector.spi.ErrorKind;
import io.tenure.connector.spi.NewAccount;
import io.tenure.connector.spi.RemoteAccount;
import io.tenure.connector.spi.SearchCapability;
import io.tenure.connector.spi.TestCapability;
import io.tenure.connector.spi.UpdateCapability;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.glassfish.jersey.apache5.connector.Apache5ConnectorProvider;
import org.glassfish.jersey.apache5.connector.Apache5HttpClientBuilderConfigurator;
import org.glassfish.jersey.client.ClientConfig;
import org.glassfish.jersey.client.ClientProperties;
import org.jspecify.annotations.Nullable;

/**
 * A connection to one SCIM 2.0 service provider: accounts are SCIM Users named by {@code userName},
 * entitlements are SCIM Groups named by {@code displayName}. Thread-safe.
 */
final class ScimConnector
    implements Connector,
        CreateCapability,
        UpdateCapability,
        EnableDisableCapability,
        DeleteCapability,
        EntitlementCapability,
        SearchCapability,
        TestCapability,
        BatchCapability {

  static final String USERS = "Users";
  static final String GROUPS = "Groups";
  static final String USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";
  static final String GROUP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Group";

  private static final System.Logger LOG = System.getLogger(ScimConnector.class.getName());
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final ScimSettings settings;
  private final Client client;
  private final ScimService service;
  private final ScimCalls calls;
  private final ScimBulk bulk;
  private final @Nullable Filter accountFilter;
  private volatile @Nullable ProviderFeatures features;

  ScimConnector(ScimSettings settings, Clock clock, Sleeper sleeper) {
    this.settings = settings;
    this.accountFilter =
        settings.accountFilter().map(ScimConnector::parseAccountFilter).orElse(null);
    ClientConfig config = new ClientConfig();
    config.connectorProvider(new Apache5ConnectorProvider());
    config.property(ClientProperties.CONNECT_TIMEOUT, (int) settings.connectTimeout().toMillis());
    config.property(ClientProperties.READ_TIMEOUT, (int) settings.readTimeout().toMillis());
    config.register(new ThrottleFilter());
    config.register(new NoAutomaticRetries());
    settings.authentication().header().ifPresent(h -> config.register(new AuthenticationFilter(h)));
    this.client = ClientBuilder.newClient(config);
    this.service = new ScimService(client.target(settings.url()));
    this.calls =
        new ScimCalls(
            settings.targetName(),
            clock,
            sleeper,
            settings.maxAttempts(),
            settings.maxRetryWait(),
            settings.defaultRetryWait());
    this.bulk =
        new ScimBulk(
            settings.targetName(), client.target(settings.url()), calls, this::createdAccount);
    try {
      features();
    } catch (ConnectorException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "target ''{0}'': ServiceProviderConfig not read yet, will retry on first use: {1}",
          settings.targetName(),
          e.getMessage());
    }
  }

  /**
   * Turns off Apache HttpClient's own retries: it would otherwise wait out any {@code Retry-After}
   * on 429/503 without bound, and retry I/O failures behind the engine's back.
   */
  private static final class NoAutomaticRetries implements Apache5HttpClientBuilderConfigurator {
    @Override
    public HttpClientBuilder configure(HttpClientBuilder builder) {
      return builder.disableAutomaticRetries();
    }
  }

  private static Filter parseAccountFilter(String text) {
    try {
      return Filter.fromString(text);
    } catch (BadRequestException e) {
      throw new ConnectorException(
          ErrorKind.CONFIGURATION,
          "setting 'accounts.filter' is not a SCIM filter: " + e.getMessage());
    }
  }

  @Override
  public String type() {
    return ScimConnectorFactory.TYPE;
  }

  /** What the provider supports; read once from {@code /ServiceProviderConfig}. */
  ProviderFeatures features() {
    ProviderFeatures known = features;
    if (known != null) {
      return known;
    }
    synchronized (this) {
      if (features == null) {
        try {
          features =
              ProviderFeatures.from(
                  calls
                      .execute(
                          "read of /ServiceProviderConfig",
                          () ->
                              service
                                  .retrieveRequest(URI.create("ServiceProviderConfig"))
                                  .invoke(GenericScimResource.class))
                      .getObjectNode(),
                  settings);
        } catch (ConnectorException e) {
          if (e.kind() != ErrorKind.NOT_FOUND) {
            throw e;
          }
          features = ProviderFeatures.unknown(settings);
        }
      }
      return features;
    }
  }

  // ---- capabilities ----

  @Override
  public RemoteAccount create(NewAccount account) {
    ObjectNode user = userOf(account);
    features();
    GenericScimResource created =
        calls.execute(
            "create of account '" + account.name() + "'",
            () -> service.create(USERS, new GenericScimResource(user)));
    return toAccount(created.getObjectNode(), false);
  }

  /** The account a create answered with. */
  private RemoteAccount createdAccount(ObjectNode user) {
    return toAccount(user, false);
  }

  /** The User resource a create sends. */
  private ObjectNode userOf(NewAccount account) {
    ObjectNode user = NODES.objectNode();
    user.putArray("schemas").add(USER_SCHEMA);
    user.put("userName", account.name());
    user.put("active", account.enabled());
    account
        .attributes()
        .forEach(
            (name, values) ->
                ResourceJson.write(user, AttributePath.parse(name, settings), values));
    return user;
  }

  @Override
  public void update(AccountReference account, List<AttributeDelta> deltas) {
    String action = "update of account '" + account.name() + "'";
    ObjectNode current = existingUser(account, action);
    ObjectNode working = current.deepCopy();
    List<PatchOperation> operations = new ArrayList<>();
    for (AttributeDelta delta : deltas) {
      AttributePath path = AttributePath.parse(delta.attribute(), settings);
      operations.addAll(ResourceJson.patch(working, path, delta.values()));
      ResourceJson.write(working, path, delta.values());
    }
    if (operations.isEmpty()) {
      return;
    }
    change(USERS, current, working, operations, action);
  }

  @Override
  public void disable(AccountReference account) {
    setActive(account, false);
  }

  @Override
  public void enable(AccountReference account) {
    setActive(account, true);
  }

  private void setActive(AccountReference account, boolean active) {
    String action = (active ? "enable" : "disable") + " of account '" + account.name() + "'";
    ObjectNode current = existingUser(account, action);
    if (isActive(current) == active) {
      return;
    }
    ObjectNode working = current.deepCopy();
    ResourceJson.remove(working, "active");
    working.put("active", active);
    change(
        USERS,
        current,
        working,
        List.of(
            PatchOperation.replace(
                com.unboundid.scim2.common.Path.root().attribute("active"), active)),
        action);
  }

  @Override
  public void delete(AccountReference account) {
    String action = "delete of account '" + account.name() + "'";
    Optional<ObjectNode> user = resolveUser(account, action);
    if (user.isEmpty()) {
      return;
    }
    String id = id(user.get());
    try {
      calls.execute(
          action,
          () -> {
            service.delete(USERS, id);
            return Boolean.TRUE;
          });
    } catch (ConnectorException e) {
      if (e.kind() != ErrorKind.NOT_FOUND) {
        throw e;
      }
    }
  }

  @Override
  public void grant(AccountReference account, String entitlement) {
    String action = "grant of '" + entitlement + "' to account '" + account.name() + "'";
    String userId = id(existingUser(account, action));
    Optional<ObjectNode> group = findGroup(entitlement, action);
    if (group.isEmpty()) {
      if (!settings.createGroups()) {
        throw new ConnectorException(
            ErrorKind.NOT_FOUND,
            "target '"
                + settings.targetName()
                + "': "
                + action
                + ": group does not exist and 'groups.create' is false");
      }
      try {
        createGroup(entitlement, userId, action);
        return;
      } catch (ConnectorException e) {
        if (e.kind() != ErrorKind.ALREADY_EXISTS) {
          throw e;
        }
        group = findGroup(entitlement, action);
        if (group.isEmpty()) {
          throw e;
        }
      }
    }
    ObjectNode current = withMembers(group.get(), action);
    if (isMember(current, userId)) {
      return;
    }
    ObjectNode working = current.deepCopy();
    ArrayNode members = membersOf(working);
    members.addObject().put("value", userId);
    ArrayNode added = NODES.arrayNode();
    added.addObject().put("value", userId);
    change(
        GROUPS,
        current,
        working,
        List.of(
            PatchOperation.add(com.unboundid.scim2.common.Path.root().attribute("members"), added)),
        action);
  }

  @Override
  public void revoke(AccountReference account, String entitlement) {
    String action = "revoke of '" + entitlement + "' from account '" + account.name() + "'";
    Optional<ObjectNode> user = resolveUser(account, action);
    if (user.isEmpty()) {
      return;
    }
    String userId = id(user.get());
    Optional<ObjectNode> group = findGroup(entitlement, action);
    if (group.isEmpty()) {
      return;
    }
    ObjectNode current = withMembers(group.get(), action);
    if (!isMember(current, userId)) {
      return;
    }
    ObjectNode working = current.deepCopy();
    ArrayNode members = membersOf(working);
    for (int index = members.size() - 1; index >= 0; index--) {
      if (userId.equals(ResourceJson.text(members.get(index), "value"))) {
        members.remove(index);
      }
    }
    PatchOperation removal;
    try {
      removal =
          PatchOperation.remove(
              com.unboundid.scim2.common.Path.root()
                  .attribute("members", Filter.eq("value", userId)));
    } catch (BadRequestException e) {
      throw new ConnectorException(ErrorKind.INVALID_INPUT, action + ": " + e.getMessage(), e);
    }
    change(GROUPS, current, working, List.of(removal), action);
  }

  @Override
  public Optional<RemoteAccount> find(String name) {
    return findUser(name, "find of account '" + name + "'").map(user -> toAccount(user, true));
  }

  @Override
  public Stream<RemoteAccount> accounts() {
    features();
    Iterator<ObjectNode> users = new ResourcePages(USERS, accountFilter, "read of accounts");
    return StreamSupport.stream(
            Spliterators.spliteratorUnknownSize(users, Spliterator.ORDERED | Spliterator.NONNULL),
            false)
        .map(user -> toAccount(user, true));
  }

  @Override
  public void test() {
    synchronized (this) {
      features = null;
    }
    features();
    calls.execute(
        "search of accounts",
        () -> service.searchRequest(USERS).page(1, 1).invoke(GenericScimResource.class));
  }

  @Override
  public void close() {
    try {
      client.close();
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.DEBUG, "closing the HTTP client failed", e);
    }
  }

  // ---- bulk ----

  /**
   * The most calls of one batch: {@code bulk.maxOperations}, lowered to the provider's {@code
   * bulk.maxOperations}; 1 (no batching) when bulk is not used or the provider cannot be read.
   */
  @Override
  public int maxBatchSize() {
    ProviderFeatures provider;
    try {
      provider = features();
    } catch (ConnectorException e) {
      return 1;
    }
    if (!provider.bulk()) {
      return 1;
    }
    return provider.bulkMaxOperations() > 0
        ? Math.min(settings.bulkMaxOperations(), provider.bulkMaxOperations())
        : settings.bulkMaxOperations();
  }

  /**
   * Creates go in {@code POST /Bulk} requests (without {@code failOnErrors}, so every operation is
   * attempted), split by {@link #maxBatchSize()} and the provider's {@code maxPayloadSize}; every
   * other call, and every call when bulk is not used, is run as the single call, after the bulk
   * requests.
   *
   * @throws ConnectorException when the first bulk request fails as a whole (before any other call
   *     ran); a later one that fails gives its creates that error
   */
  @Override
  public List<BatchResult> execute(List<BatchCall> calls) {
    BatchResult[] results = new BatchResult[calls.size()];
    List<Integer> creates = new ArrayList<>();
    boolean useBulk = maxBatchSize() > 1;
    for (int index = 0; index < calls.size(); index++) {
      if (useBulk && calls.get(index) instanceof BatchCall.Create) {
        creates.add(index);
      }
    }
    List<ObjectNode> users = new ArrayList<>();
    for (int index : creates) {
      users.add(userOf(((BatchCall.Create) calls.get(index)).account()));
    }
    boolean first = true;
    for (List<Integer> request :
        ScimBulk.requests(users, maxBatchSize(), features().bulkMaxPayloadSize())) {
      List<String> names = new ArrayList<>();
      List<ObjectNode> sent = new ArrayList<>();
      for (int position : request) {
        names.add(((BatchCall.Create) calls.get(creates.get(position))).account().name());
        sent.add(users.get(position));
      }
      List<BatchResult> answers;
      try {
        answers = bulk.create(names, sent);
      } catch (ConnectorException e) {
        if (first) {
          throw e;
        }
        answers = Collections.nCopies(request.size(), BatchResult.failed(e));
      }
      first = false;
      for (int position = 0; position < request.size(); position++) {
        results[creates.get(request.get(position))] = answers.get(position);
      }
    }
    for (int index = 0; index < calls.size(); index++) {
      if (results[index] == null) {
        results[index] = BatchCall.runSingly(calls.get(index), this);
      }
    }
    return List.of(results);
  }

  // ---- users ----

  private ObjectNode existingUser(AccountReference account, String action) {
    return resolveUser(account, action)
        .orElseThrow(
            () ->
                new ConnectorException(
                    ErrorKind.NOT_FOUND,
                    "target '" + settings.targetName() + "': " + action + ": account not found"));
  }

  /** The user by native id when given and present, else by name. */
  private Optional<ObjectNode> resolveUser(AccountReference account, String action) {
    String nativeId = account.nativeId();
    if (nativeId != null && !nativeId.isBlank()) {
      try {
        GenericScimResource user =
            calls.execute(
                action, () -> service.retrieve(USERS, nativeId, GenericScimResource.class));
        return Optional.of(user.getObjectNode());
      } catch (ConnectorException e) {
        if (e.kind() != ErrorKind.NOT_FOUND) {
          throw e;
        }
      }
    }
    return findUser(account.name(), action);
  }

  private Optional<ObjectNode> findUser(String name, String action) {
    return findByName(USERS, "userName", name, action);
  }

  /**
   * The resource whose naming attribute equals {@code name}: exactly if one does, else ignoring
   * case (SCIM compares userName and displayName ignoring case).
   */
  private Optional<ObjectNode> findByName(
      String endpoint, String attribute, String name, String action) {
    List<ObjectNode> candidates = new ArrayList<>();
    int special = firstSpecialCharacter(name);
    if (features().filter() && special < 0) {
      String filter = equalityFilter(attribute, name);
      ListResponse<GenericScimResource> response =
          calls.execute(
              action,
              () ->
                  service
                      .searchRequest(endpoint)
                      .filter(filter)
                      .page(1, 10)
                      .invoke(GenericScimResource.class));
      response.getResources().forEach(resource -> candidates.add(resource.getObjectNode()));
    } else {
      Filter prefix = null;
      if (features().filter() && special > 0) {
        try {
          prefix = Filter.sw(attribute, name.substring(0, special));
        } catch (BadRequestException e) {
          throw new IllegalArgumentException("not a SCIM attribute: " + attribute, e);
        }
      }
      Iterator<ObjectNode> scan = new ResourcePages(endpoint, prefix, action);
      while (scan.hasNext()) {
        ObjectNode resource = scan.next();
        if (name.equalsIgnoreCase(ResourceJson.text(resource, attribute))) {
          candidates.add(resource);
        }
      }
    }
    for (ObjectNode candidate : candidates) {
      if (name.equals(ResourceJson.text(candidate, attribute))) {
        return Optional.of(candidate);
      }
    }
    return candidates.stream()
        .filter(candidate -> name.equalsIgnoreCase(ResourceJson.text(candidate, attribute)))
        .findFirst();
  }

  /**
   * The index of the first double quote or backslash in a name, -1 if none. Such names are looked
   * up by the prefix before that character and compared here, because providers differ in how (and
   * whether) they unescape filter values.
   */
  static int firstSpecialCharacter(String name) {
    for (int index = 0; index < name.length(); index++) {
      char character = name.charAt(index);
      if (character == '"' || character == '\\') {
        return index;
      }
    }
    return -1;
  }

  /** {@code attribute eq "value"} with the value escaped for the SCIM filter grammar. */
  static String equalityFilter(String attribute, String value) {
    try {
      return Filter.eq(attribute, value).toString();
    } catch (BadRequestException e) {
      throw new IllegalArgumentException("not a SCIM attribute: " + attribute, e);
    }
  }

  private RemoteAccount toAccount(ObjectNode user, boolean readEntitlements) {
    String id = id(user);
    String userName = ResourceJson.text(user, "userName");
    Set<String> entitlements = readEntitlements ? entitlements(user, id) : Set.of();
    return new RemoteAccount(
        id,
        userName == null || userName.isBlank() ? id : userName,
        ResourceJson.attributes(user, settings),
        isActive(user),
        entitlements);
  }

  private static boolean isActive(ObjectNode user) {
    JsonNode active = ResourceJson.field(user, "active");
    if (active == null || active.isNull()) {
      return true;
    }
    return active.isBoolean() ? active.booleanValue() : !"false".equalsIgnoreCase(active.asText());
  }

  private String id(ObjectNode resource) {
    String id = ResourceJson.text(resource, "id");
    if (id == null || id.isBlank()) {
      throw new ConnectorException(
          ErrorKind.OTHER,
          "target '" + settings.targetName() + "': the provider returned a resource without id");
    }
    return id;
  }

  // ---- groups ----

  private Set<String> entitlements(ObjectNode user, String userId) {
    Set<String> names = new TreeSet<>();
    String action = "read of the groups of account '" + ResourceJson.text(user, "userName") + "'";
    if (settings.entitlementSource() == ScimSettings.EntitlementSource.GROUPS_ATTRIBUTE) {
      JsonNode groups = ResourceJson.field(user, "groups");
      if (groups != null && groups.isArray()) {
        for (JsonNode group : groups) {
          String display = ResourceJson.text(group, "display");
          String groupId = ResourceJson.text(group, "value");
          if (display == null && groupId != null) {
            display = groupName(groupId, action);
          }
          if (display != null) {
            names.add(display);
          }
        }
      }
      return names;
    }
    Filter membership = null;
    if (features().filter()) {
      try {
        membership = Filter.eq("members.value", userId);
      } catch (BadRequestException e) {
        throw new IllegalStateException(e);
      }
    }
    Iterator<ObjectNode> groups = new ResourcePages(GROUPS, membership, action);
    while (groups.hasNext()) {
      ObjectNode group = groups.next();
      if (membership != null || isMember(group, userId)) {
        String display = ResourceJson.text(group, "displayName");
        if (display != null) {
          names.add(display);
        }
      }
    }
    return names;
  }

  private @Nullable String groupName(String groupId, String action) {
    try {
      return ResourceJson.text(
          calls
              .execute(action, () -> service.retrieve(GROUPS, groupId, GenericScimResource.class))
              .getObjectNode(),
          "displayName");
    } catch (ConnectorException e) {
      if (e.kind() == ErrorKind.NOT_FOUND) {
        return null;
      }
      throw e;
    }
  }

  private Optional<ObjectNode> findGroup(String name, String action) {
    return findByName(GROUPS, "displayName", name, action);
  }

  /** The group with its members: as found, or read again if the search left members out. */
  private ObjectNode withMembers(ObjectNode group, String action) {
    if (ResourceJson.field(group, "members") != null) {
      return group;
    }
    String groupId = id(group);
    return calls
        .execute(action, () -> service.retrieve(GROUPS, groupId, GenericScimResource.class))
        .getObjectNode();
  }

  private void createGroup(String name, String userId, String action) {
    ObjectNode group = NODES.objectNode();
    group.putArray("schemas").add(GROUP_SCHEMA);
    group.put("displayName", name);
    group.putArray("members").addObject().put("value", userId);
    calls.execute(action, () -> service.create(GROUPS, new GenericScimResource(group)));
  }

  private static boolean isMember(ObjectNode group, String userId) {
    JsonNode members = ResourceJson.field(group, "members");
    if (members == null || !members.isArray()) {
      return false;
    }
    for (JsonNode member : members) {
      if (userId.equals(ResourceJson.text(member, "value"))) {
        return true;
      }
    }
    return false;
  }

  private static ArrayNode membersOf(ObjectNode group) {
    JsonNode members = ResourceJson.field(group, "members");
    if (members instanceof ArrayNode array) {
      return array;
    }
    ResourceJson.remove(group, "members");
    return group.putArray("members");
  }

  // ---- writing ----

  /**
   * Applies a change: the PATCH operations when the provider supports PATCH, else a PUT of the
   * whole modified resource.
   */
  private void change(
      String endpoint,
      ObjectNode current,
      ObjectNode replacement,
      List<PatchOperation> operations,
      String action) {
    String id = id(current);
    if (features().patch()) {
      PatchRequest request = new PatchRequest(operations);
      calls.execute(action, () -> service.modify(endpoint, id, request, GenericScimResource.class));
      return;
    }
    ObjectNode body = replacement.deepCopy();
    ResourceJson.remove(body, "meta");
    URI location;
    try {
      location = new URI(null, null, endpoint + "/" + id, null);
    } catch (URISyntaxException e) {
      throw new ConnectorException(ErrorKind.OTHER, action + ": unusable resource id", e);
    }
    calls.execute(
        action, () -> service.replaceRequest(location, new GenericScimResource(body)).invoke());
  }

  // ---- paging ----

  /**
   * The resources of an endpoint, read lazily one page at a time ({@code startIndex}/{@code
   * count}). The filter is sent to the provider when it supports filtering, else applied here.
   */
  private final class ResourcePages implements Iterator<ObjectNode> {

    private final String endpoint;
    private final @Nullable Filter filter;
    private final String action;
    private final Deque<ObjectNode> buffer = new ArrayDeque<>();
    private int startIndex = 1;
    private boolean exhausted;

    ResourcePages(String endpoint, @Nullable Filter filter, String action) {
      this.endpoint = endpoint;
      this.filter = filter;
      this.action = action;
    }

    @Override
    public boolean hasNext() {
      while (buffer.isEmpty() && !exhausted) {
        fetch();
      }
      return !buffer.isEmpty();
    }

    @Override
    public ObjectNode next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return buffer.removeFirst();
    }

    private void fetch() {
      ProviderFeatures provider = features();
      int count =
          provider.maxResults() > 0
              ? Math.min(settings.pageSize(), provider.maxResults())
              : settings.pageSize();
      boolean serverFilter = filter != null && provider.filter();
      int index = startIndex;
      ListResponse<GenericScimResource> page =
          calls.execute(
              action,
              () -> {
                SearchRequestBuilder request = service.searchRequest(endpoint).page(index, count);
                if (serverFilter) {
                  request.filter(filter.toString());
                }
                return request.invoke(GenericScimResource.class);
              });
      List<GenericScimResource> resources = page.getResources();
      Predicate<ObjectNode> keep = serverFilter || filter == null ? r -> true : this::matches;
      for (GenericScimResource resource : resources) {
        if (keep.test(resource.getObjectNode())) {
          buffer.addLast(resource.getObjectNode());
        }
      }
      startIndex += resources.size();
      if (resources.isEmpty() || startIndex > page.getTotalResults()) {
        exhausted = true;
      }
    }

    private boolean matches(ObjectNode resource) {
      try {
        return FilterEvaluator.evaluate(filter, resource);
      } catch (ScimException e) {
        throw calls.fromScimException(action, e);
      }
    }
  }
}
