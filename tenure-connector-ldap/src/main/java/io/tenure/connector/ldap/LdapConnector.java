package io.tenure.connector.ldap;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.BindRequest;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.DeleteRequest;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.GetEntryLDAPConnectionPoolHealthCheck;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPResult;
import com.unboundid.ldap.sdk.LDAPSearchException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.ModifyRequest;
import com.unboundid.ldap.sdk.RDN;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.SimpleBindRequest;
import com.unboundid.ldap.sdk.SingleServerSet;
import com.unboundid.ldap.sdk.controls.AssertionRequestControl;
import com.unboundid.ldap.sdk.controls.PostReadRequestControl;
import com.unboundid.ldap.sdk.controls.PostReadResponseControl;
import com.unboundid.ldap.sdk.controls.SimplePagedResultsControl;
import com.unboundid.util.ssl.HostNameSSLSocketVerifier;
import com.unboundid.util.ssl.JVMDefaultTrustManager;
import com.unboundid.util.ssl.PEMFileTrustManager;
import com.unboundid.util.ssl.SSLUtil;
import io.tenure.connector.spi.AccountReference;
import io.tenure.connector.spi.AttributeDelta;
import io.tenure.connector.spi.Connector;
import io.tenure.connector.spi.ConnectorException;
import io.tenure.connector.spi.CreateCapability;
import io.tenure.connector.spi.DeleteCapability;
import io.tenure.connector.spi.EnableDisableCapability;
import io.tenure.connector.spi.EntitlementCapability;
import io.tenure.connector.spi.ErrorKind;
import io.tenure.connector.spi.IncrementalSearchCapability;
import io.tenure.connector.spi.NewAccount;
import io.tenure.connector.spi.RemoteAccount;
import io.tenure.connector.spi.TestCapability;
import io.tenure.connector.spi.UpdateCapability;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStoreException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import javax.net.SocketFactory;
import javax.net.ssl.TrustManager;
import org.jspecify.annotations.Nullable;

/**
 * A connector to an LDAP directory or Active Directory, made by {@link LdapConnectorFactory}.
 *
 * <p>Accounts are entries named {@code <accounts.rdn>=<name>,<accounts.base>}; a reference with a
 * native id (the DN) is used as given, a reference by name resolves to that DN. {@link #find} and
 * {@link #accounts()} search the whole subtree under the base for entries of every configured
 * object class. Entitlements are groups named {@code <groups.rdn>=<name>,<groups.base>} whose
 * member attribute holds the account DN. A group the connector creates carries a marker ({@code
 * groups.marker.attribute}, default {@code description}, set to {@code groups.marker.value},
 * default {@value LdapSettings#DEFAULT_GROUP_MARKER}); only a group with that marker is ever
 * deleted, so a group somebody else made survives losing its last member. Every DN is built with
 * the SDK's {@link RDN} and {@link DN} classes and every filter with {@link Filter}'s factory
 * methods, so names are escaped, never interpreted.
 *
 * <p>Thread-safe: operations borrow connections from an {@link LDAPConnectionPool} checked by
 * reading the root DSE in the background and after failures.
 */
public final class LdapConnector
    implements Connector,
        CreateCapability,
        UpdateCapability,
        EnableDisableCapability,
        DeleteCapability,
        EntitlementCapability,
        IncrementalSearchCapability,
        TestCapability {

  private static final String OBJECT_CLASS = "objectClass";
  private static final String NO_ATTRIBUTES = "1.1";
  private static final int NAMES_PER_SEARCH = 200;
  private static final DateTimeFormatter GENERALIZED_TIME =
      DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);

  private final LdapSettings settings;
  private final LDAPConnectionPool pool;
  private final String[] accountAttributes;
  private final Filter accountFilter;
  private final AtomicInteger openStreams = new AtomicInteger();

  LdapConnector(LdapSettings settings) {
    this.settings = settings;
    Set<String> read = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    read.addAll(settings.accountsAttributes());
    read.add(settings.accountsRdn());
    read.add(disableAttribute());
    this.accountAttributes = read.toArray(String[]::new);
    List<Filter> classes = new ArrayList<>();
    for (String objectClass : settings.accountsObjectClasses()) {
      if (!objectClass.equalsIgnoreCase("top")) {
        classes.add(Filter.createEqualityFilter(OBJECT_CLASS, objectClass));
      }
    }
    this.accountFilter =
        classes.isEmpty()
            ? Filter.createPresenceFilter(OBJECT_CLASS)
            : Filter.createANDFilter(classes);
    this.pool = openPool(settings);
  }

  private static LDAPConnectionPool openPool(LdapSettings settings) {
    int timeoutMillis = settings.timeoutSeconds() * 1000;
    LDAPConnectionOptions options = new LDAPConnectionOptions();
    options.setConnectTimeoutMillis(timeoutMillis);
    options.setResponseTimeoutMillis(timeoutMillis);
    options.setAbandonOnTimeout(true);
    SocketFactory sockets = SocketFactory.getDefault();
    if (settings.url().getScheme().equalsIgnoreCase("ldaps")) {
      try {
        sockets = new SSLUtil(trustManager(settings)).createSSLSocketFactory();
      } catch (GeneralSecurityException e) {
        String key = settings.tlsCaFile() == null ? "url" : "tls.caFile";
        throw new ConnectorException(
            ErrorKind.CONFIGURATION,
            "target '" + settings.targetName() + "': setting '" + key + "': cannot set up TLS",
            e);
      }
      options.setSSLSocketVerifier(new HostNameSSLSocketVerifier(true));
    }
    SingleServerSet servers =
        new SingleServerSet(settings.url().getHost(), settings.url().getPort(), sockets, options);
    BindRequest bind =
        settings.bindDn() == null
            ? null
            : new SimpleBindRequest(settings.bindDn(), settings.password());
    GetEntryLDAPConnectionPoolHealthCheck health =
        new GetEntryLDAPConnectionPoolHealthCheck(
            "", timeoutMillis, true, false, false, true, true);
    try {
      LDAPConnectionPool created =
          new LDAPConnectionPool(servers, bind, 1, settings.poolSize(), 1, null, false, health);
      created.setConnectionPoolName("tenure-" + settings.targetName());
      created.setHealthCheckIntervalMillis(60_000L);
      created.setRetryFailedOperationsDueToInvalidConnections(true);
      return created;
    } catch (LDAPException e) {
      throw ResultCodes.toConnectorException(
          settings.targetName(), "connecting to " + settings.url(), e);
    }
  }

  /**
   * The certificates an ldaps connection trusts: the CA certificates of {@code tls.caFile} when it
   * is set, else the JVM's default trust store.
   */
  private static TrustManager trustManager(LdapSettings settings) throws KeyStoreException {
    Path caFile = settings.tlsCaFile();
    return caFile == null
        ? JVMDefaultTrustManager.getInstance()
        : new PEMFileTrustManager(caFile.toFile());
  }

  @Override
  public String type() {
    return LdapConnectorFactory.TYPE;
  }

  // ---- create ----

  @Override
  public RemoteAccount create(NewAccount account) {
    String name = checked("account name", account.name());
    DN dn = accountDn(name);
    Entry entry = new Entry(dn);
    entry.addAttribute(OBJECT_CLASS, settings.accountsObjectClasses().toArray(String[]::new));
    entry.addAttribute(settings.accountsRdn(), name);
    account
        .attributes()
        .forEach(
            (attribute, values) -> {
              if (!values.isEmpty()) {
                entry.addAttribute(ActiveDirectoryAttributes.toWrite(attribute, values));
              }
            });
    if (settings.disableStyle() == DisableStyle.ATTRIBUTE) {
      entry.removeAttribute(disableAttribute());
      if (!account.enabled()) {
        entry.addAttribute(disableAttribute(), settings.disableValue());
      }
    } else {
      String given = entry.getAttributeValue(disableAttribute());
      long base = given == null ? DisableStyle.NORMAL_ACCOUNT : parseControl(dn, given);
      entry.setAttribute(
          disableAttribute(), Long.toString(DisableStyle.withDisabled(base, !account.enabled())));
    }
    try {
      pool.add(entry);
    } catch (LDAPException e) {
      throw failure("creating " + dn, e);
    }
    return read(dn)
        .orElseThrow(
            () ->
                new ConnectorException(
                    ErrorKind.OTHER,
                    "target '" + settings.targetName() + "': " + dn + " vanished after creation"));
  }

  // ---- update ----

  @Override
  public void update(AccountReference account, List<AttributeDelta> deltas) {
    DN dn = accountDn(account);
    if (deltas.isEmpty()) {
      requireExisting(dn, account);
      return;
    }
    List<Modification> modifications = new ArrayList<>();
    for (AttributeDelta delta : deltas) {
      Attribute values = ActiveDirectoryAttributes.toWrite(delta.attribute(), delta.values());
      modifications.add(
          new Modification(
              ModificationType.REPLACE, delta.attribute(), values.getValueByteArrays()));
    }
    modify(new ModifyRequest(dn, modifications), "updating " + dn);
  }

  // ---- enable / disable ----

  @Override
  public void disable(AccountReference account) {
    setDisabled(account, true);
  }

  @Override
  public void enable(AccountReference account) {
    setDisabled(account, false);
  }

  private void setDisabled(AccountReference account, boolean disabled) {
    DN dn = accountDn(account);
    String attempted = (disabled ? "disabling " : "enabling ") + dn;
    if (settings.disableStyle() == DisableStyle.ATTRIBUTE) {
      Modification modification =
          disabled
              ? new Modification(
                  ModificationType.REPLACE, disableAttribute(), settings.disableValue())
              : new Modification(ModificationType.REPLACE, disableAttribute());
      modify(new ModifyRequest(dn, modification), attempted);
      return;
    }
    for (int attempt = 0; attempt < 5; attempt++) {
      SearchResultEntry entry = getEntry(dn, disableAttribute());
      if (entry == null) {
        throw notFound(account);
      }
      String current = entry.getAttributeValue(disableAttribute());
      long before = current == null ? DisableStyle.NORMAL_ACCOUNT : parseControl(dn, current);
      long after = DisableStyle.withDisabled(before, disabled);
      if (current != null && before == after) {
        return;
      }
      List<Modification> swap = new ArrayList<>();
      if (current != null) {
        swap.add(new Modification(ModificationType.DELETE, disableAttribute(), current));
      }
      swap.add(new Modification(ModificationType.ADD, disableAttribute(), Long.toString(after)));
      try {
        pool.modify(new ModifyRequest(dn, swap));
        return;
      } catch (LDAPException e) {
        ResultCode code = e.getResultCode();
        boolean raced =
            code.equals(ResultCode.NO_SUCH_ATTRIBUTE)
                || code.equals(ResultCode.ATTRIBUTE_OR_VALUE_EXISTS);
        if (!raced) {
          throw failure(attempted, e);
        }
      }
    }
    throw new ConnectorException(
        ErrorKind.BUSY,
        "target '" + settings.targetName() + "': " + attempted + " raced with other changes");
  }

  // ---- delete ----

  @Override
  public void delete(AccountReference account) {
    DN dn = accountDn(account);
    for (DN group : groupsContaining(dn).keySet()) {
      removeMember(group, dn, false);
    }
    try {
      pool.delete(dn.toString());
    } catch (LDAPException e) {
      if (!e.getResultCode().equals(ResultCode.NO_SUCH_OBJECT)) {
        throw failure("deleting " + dn, e);
      }
    }
  }

  // ---- entitlements ----

  @Override
  public void grant(AccountReference account, String entitlement) {
    DN member = accountDn(account);
    DN group = groupDn(entitlement);
    requireExisting(member, account);
    String attempted = "adding " + member + " to " + group;
    try {
      pool.modify(
          new ModifyRequest(
              group,
              new Modification(
                  ModificationType.ADD, settings.groupsMemberAttribute(), member.toString())));
    } catch (LDAPException e) {
      ResultCode code = e.getResultCode();
      if (code.equals(ResultCode.NO_SUCH_OBJECT)) {
        createGroupWith(group, entitlement, member);
      } else if (!code.equals(ResultCode.ATTRIBUTE_OR_VALUE_EXISTS)
          && !code.equals(ResultCode.ENTRY_ALREADY_EXISTS)) {
        // Active Directory answers an existing member with entryAlreadyExists (68)
        throw failure(attempted, e);
      }
    }
    if (settings.lastMember() == LdapSettings.LastMemberPolicy.PLACEHOLDER
        && !member.equals(settings.placeholderMember())) {
      removeValueIfPresent(group, settings.placeholderMember());
    }
  }

  private void createGroupWith(DN group, String entitlement, DN member) {
    if (!settings.groupsCreate()) {
      throw new ConnectorException(
          ErrorKind.NOT_FOUND,
          "target '"
              + settings.targetName()
              + "': group "
              + group
              + " does not exist and groups.create is false");
    }
    Entry entry = new Entry(group);
    entry.addAttribute(OBJECT_CLASS, "top", settings.groupsObjectClass());
    entry.addAttribute(settings.groupsRdn(), entitlement);
    entry.addAttribute(settings.groupsMemberAttribute(), member.toString());
    entry.addAttribute(settings.groupsMarkerAttribute(), settings.groupsMarkerValue());
    try {
      pool.add(entry);
    } catch (LDAPException e) {
      if (!e.getResultCode().equals(ResultCode.ENTRY_ALREADY_EXISTS)) {
        throw failure("creating group " + group, e);
      }
      modifyIgnoring(
          new ModifyRequest(
              group,
              new Modification(
                  ModificationType.ADD, settings.groupsMemberAttribute(), member.toString())),
          "adding " + member + " to " + group,
          ResultCode.ATTRIBUTE_OR_VALUE_EXISTS);
    }
  }

  @Override
  public void revoke(AccountReference account, String entitlement) {
    removeMember(groupDn(entitlement), accountDn(account), true);
  }

  /**
   * Removes a member; idempotent. When the server refuses because it was the last member, applies
   * the last-member policy: delete the group (only a group Tenure created, which carries the
   * marker), or swap in the placeholder member. The last member of a group Tenure did not create
   * and may not delete stays: a revoke then fails ({@link ErrorKind#CONSTRAINT}, saying so), while
   * an account's deletion ({@code strict} false) leaves that group alone.
   */
  private void removeMember(DN group, DN member, boolean strict) {
    String attempted = "removing " + member + " from " + group;
    String memberAttribute = settings.groupsMemberAttribute();
    ModifyRequest request =
        new ModifyRequest(
            group, new Modification(ModificationType.DELETE, memberAttribute, member.toString()));
    request.addControl(new PostReadRequestControl(false, memberAttribute));
    try {
      LDAPResult result = pool.modify(request);
      if (settings.lastMember() == LdapSettings.LastMemberPolicy.DELETE) {
        PostReadResponseControl after = PostReadResponseControl.get(result);
        if (after != null && !after.getEntry().hasAttribute(memberAttribute)) {
          deleteGroup(
              group,
              Filter.createANDFilter(
                  Filter.createNOTFilter(Filter.createPresenceFilter(memberAttribute)), marked()));
        }
      }
      return;
    } catch (LDAPException e) {
      ResultCode code = e.getResultCode();
      if (code.equals(ResultCode.NO_SUCH_ATTRIBUTE)
          || code.equals(ResultCode.NO_SUCH_OBJECT)
          || refusedAsNotAMember(code, group, member)) {
        return;
      }
      if (!code.equals(ResultCode.OBJECT_CLASS_VIOLATION)
          && !code.equals(ResultCode.CONSTRAINT_VIOLATION)) {
        throw failure(attempted, e);
      }
    }
    if (settings.lastMember() == LdapSettings.LastMemberPolicy.PLACEHOLDER) {
      modifyIgnoring(
          new ModifyRequest(
              group,
              new Modification(
                  ModificationType.ADD, memberAttribute, settings.placeholderMember().toString()),
              new Modification(ModificationType.DELETE, memberAttribute, member.toString())),
          attempted,
          ResultCode.NO_SUCH_ATTRIBUTE);
      return;
    }
    SearchResultEntry entry = getEntry(group, memberAttribute, settings.groupsMarkerAttribute());
    if (entry == null) {
      return;
    }
    for (DN held : memberDns(entry)) {
      if (!held.equals(member)) {
        throw new ConnectorException(
            ErrorKind.SCHEMA,
            "target '" + settings.targetName() + "': " + attempted + " was refused by the server");
      }
    }
    if (!entry.hasAttributeValue(settings.groupsMarkerAttribute(), settings.groupsMarkerValue())) {
      if (!strict) {
        return;
      }
      throw new ConnectorException(
          ErrorKind.CONSTRAINT,
          "target '"
              + settings.targetName()
              + "': "
              + member
              + " is the last member of "
              + group
              + ", which Tenure did not create (its "
              + settings.groupsMarkerAttribute()
              + " is not '"
              + settings.groupsMarkerValue()
              + "'), so Tenure will not delete it; remove the member by hand, or set"
              + " groups.lastMember: placeholder");
    }
    deleteGroup(group, marked());
  }

  /** The filter a group Tenure created matches: its marker attribute holds the marker value. */
  private Filter marked() {
    return Filter.createEqualityFilter(
        settings.groupsMarkerAttribute(), settings.groupsMarkerValue());
  }

  /**
   * Deletes a group Tenure created that lost its last member, under an assertion: that it still
   * carries Tenure's marker, and (when the server allowed the empty group, seen through the
   * post-read control) that it is still empty, which keeps a group that gained a member meanwhile;
   * when the server refused to remove the last member, the caller checked the members just before.
   */
  private void deleteGroup(DN group, Filter assertion) {
    DeleteRequest request = new DeleteRequest(group);
    request.addControl(new AssertionRequestControl(assertion, false));
    try {
      pool.delete(request);
    } catch (LDAPException e) {
      ResultCode code = e.getResultCode();
      if (!code.equals(ResultCode.NO_SUCH_OBJECT) && !code.equals(ResultCode.ASSERTION_FAILED)) {
        throw failure("deleting emptied group " + group, e);
      }
    }
  }

  /**
   * Whether a refused member removal means the DN was not a member: Active Directory answers
   * unwillingToPerform (53) for an absent value of a linked attribute such as {@code member}, and
   * for other refusals too, so a compare tells which.
   */
  private boolean refusedAsNotAMember(ResultCode code, DN group, DN member) {
    if (!code.equals(ResultCode.UNWILLING_TO_PERFORM)) {
      return false;
    }
    try {
      return !pool.compare(group.toString(), settings.groupsMemberAttribute(), member.toString())
          .compareMatched();
    } catch (LDAPException e) {
      return e.getResultCode().equals(ResultCode.NO_SUCH_OBJECT);
    }
  }

  private void removeValueIfPresent(DN group, DN value) {
    modifyIgnoring(
        new ModifyRequest(
            group,
            new Modification(
                ModificationType.DELETE, settings.groupsMemberAttribute(), value.toString())),
        "removing the placeholder from " + group,
        ResultCode.NO_SUCH_ATTRIBUTE);
  }

  // ---- search ----

  @Override
  public Optional<RemoteAccount> find(String name) {
    checked("account name", name);
    Filter filter =
        Filter.createANDFilter(
            accountFilter, Filter.createEqualityFilter(settings.accountsRdn(), name));
    SearchResult result;
    try {
      result =
          pool.search(
              new SearchRequest(
                  settings.accountsBase().toString(), SearchScope.SUB, filter, accountAttributes));
    } catch (LDAPException e) {
      throw failure("searching for account '" + name + "'", e);
    }
    List<SearchResultEntry> entries = result.getSearchEntries();
    if (entries.isEmpty()) {
      return Optional.empty();
    }
    SearchResultEntry chosen = null;
    for (SearchResultEntry entry : entries) {
      if (accountName(entry).equals(name)) {
        chosen = entry;
      }
    }
    if (chosen == null && entries.size() == 1) {
      chosen = entries.get(0);
    }
    if (chosen == null) {
      throw new ConnectorException(
          ErrorKind.CONSTRAINT,
          "target '"
              + settings.targetName()
              + "': "
              + entries.size()
              + " accounts match the name '"
              + name
              + "'");
    }
    DN dn = parsedDn(chosen);
    return Optional.of(toAccount(chosen, groupsContaining(dn).values()));
  }

  /**
   * Which of the names an entry under {@code accounts.base} already uses as its naming attribute,
   * whatever its object classes: one search for up to {@value #NAMES_PER_SEARCH} names.
   */
  @Override
  public Set<String> namesInUse(Collection<String> names) {
    List<String> all = new ArrayList<>(names);
    Set<String> used = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    for (int from = 0; from < all.size(); from += NAMES_PER_SEARCH) {
      List<Filter> any = new ArrayList<>();
      for (String name : all.subList(from, Math.min(all.size(), from + NAMES_PER_SEARCH))) {
        any.add(Filter.createEqualityFilter(settings.accountsRdn(), checked("account name", name)));
      }
      SearchResult result;
      try {
        result =
            pool.search(
                new SearchRequest(
                    settings.accountsBase().toString(),
                    SearchScope.SUB,
                    Filter.createORFilter(any),
                    settings.accountsRdn()));
      } catch (LDAPException e) {
        throw failure("looking up account names under " + settings.accountsBase(), e);
      }
      for (SearchResultEntry entry : result.getSearchEntries()) {
        String[] values = entry.getAttributeValues(settings.accountsRdn());
        if (values != null) {
          used.addAll(List.of(values));
        }
      }
    }
    // directories compare names ignoring case: "JSmith" uses "jsmith"
    Set<String> answer = new TreeSet<>();
    for (String name : names) {
      if (used.contains(name)) {
        answer.add(name);
      }
    }
    return answer;
  }

  /**
   * Streams every account under {@code accounts.base} with a simple paged results search of {@code
   * page.size} entries per page, holding one pooled connection until the stream is closed or
   * exhausted. Before the first account it reads every group under {@code groups.base} (also paged)
   * into a map from member DN to group names: memory grows with the number of memberships (roughly
   * 100 bytes each), not with the number of accounts.
   */
  @Override
  public Stream<RemoteAccount> accounts() {
    LDAPConnection connection;
    try {
      connection = pool.getConnection();
    } catch (LDAPException e) {
      throw failure("opening a connection to read accounts", e);
    }
    openStreams.incrementAndGet();
    AccountPages pages = new AccountPages(connection, accountFilter);
    return StreamSupport.stream(pages, false).onClose(pages::release);
  }

  /**
   * The accounts whose {@code modifyTimestamp} is at or after {@code since} (truncated to the
   * second, so a few unchanged accounts may come too), streamed like {@link #accounts()}. Group
   * membership lives on the group entries, and a member removed by hand leaves no trace on the
   * account: so when any group under {@code groups.base} changed since then, this is every account
   * ({@link #accounts()}).
   */
  @Override
  public Stream<RemoteAccount> changedSince(Instant since) {
    Filter changed =
        Filter.createGreaterOrEqualFilter(
            "modifyTimestamp", GENERALIZED_TIME.format(since.truncatedTo(ChronoUnit.SECONDS)));
    if (groupsChanged(changed)) {
      return accounts();
    }
    LDAPConnection connection;
    try {
      connection = pool.getConnection();
    } catch (LDAPException e) {
      throw failure("opening a connection to read changed accounts", e);
    }
    openStreams.incrementAndGet();
    AccountPages pages =
        new AccountPages(connection, Filter.createANDFilter(accountFilter, changed));
    return StreamSupport.stream(pages, false).onClose(pages::release);
  }

  private boolean groupsChanged(Filter changed) {
    SearchRequest request =
        new SearchRequest(
            settings.groupsBase().toString(),
            SearchScope.SUB,
            Filter.createANDFilter(
                Filter.createEqualityFilter(OBJECT_CLASS, settings.groupsObjectClass()), changed),
            NO_ATTRIBUTES);
    request.setSizeLimit(1);
    try {
      return pool.search(request).getEntryCount() > 0;
    } catch (LDAPSearchException e) {
      if (e.getResultCode().equals(ResultCode.SIZE_LIMIT_EXCEEDED)) {
        return true;
      }
      if (e.getResultCode().equals(ResultCode.NO_SUCH_OBJECT)) {
        return false;
      }
      throw failure("looking for groups changed under " + settings.groupsBase(), e);
    }
  }

  /** How many streams from {@link #accounts()} still hold a connection; for tests. */
  int openStreams() {
    return openStreams.get();
  }

  // ---- test ----

  @Override
  public void test() {
    try {
      if (pool.getRootDSE() == null) {
        throw new ConnectorException(
            ErrorKind.CONNECTION,
            "target '" + settings.targetName() + "': the server returned no root DSE");
      }
    } catch (LDAPException e) {
      throw failure("reading the root DSE", e);
    }
    requireBase("accounts.base", settings.accountsBase());
    requireBase("groups.base", settings.groupsBase());
  }

  private void requireBase(String key, DN base) {
    if (getEntry(base, NO_ATTRIBUTES) == null) {
      throw new ConnectorException(
          ErrorKind.CONFIGURATION,
          "target '" + settings.targetName() + "': setting '" + key + "': no entry " + base);
    }
  }

  @Override
  public void close() {
    pool.close();
  }

  // ---- helpers ----

  private String disableAttribute() {
    return settings.disableAttribute();
  }

  private Optional<RemoteAccount> read(DN dn) {
    SearchResultEntry entry = getEntry(dn, accountAttributes);
    if (entry == null) {
      return Optional.empty();
    }
    return Optional.of(toAccount(entry, groupsContaining(dn).values()));
  }

  private @Nullable SearchResultEntry getEntry(DN dn, String... attributes) {
    try {
      return pool.getEntry(dn.toString(), attributes);
    } catch (LDAPException e) {
      if (e.getResultCode().equals(ResultCode.NO_SUCH_OBJECT)) {
        return null;
      }
      throw failure("reading " + dn, e);
    }
  }

  private void requireExisting(DN dn, AccountReference account) {
    if (getEntry(dn, NO_ATTRIBUTES) == null) {
      throw notFound(account);
    }
  }

  /** The groups (DN to name) whose member attribute holds the DN. */
  private Map<DN, String> groupsContaining(DN member) {
    Filter filter =
        Filter.createANDFilter(
            Filter.createEqualityFilter(OBJECT_CLASS, settings.groupsObjectClass()),
            Filter.createEqualityFilter(settings.groupsMemberAttribute(), member.toString()));
    SearchResult result;
    try {
      result =
          pool.search(
              new SearchRequest(
                  settings.groupsBase().toString(), SearchScope.SUB, filter, settings.groupsRdn()));
    } catch (LDAPException e) {
      if (e.getResultCode().equals(ResultCode.NO_SUCH_OBJECT)) {
        return Map.of();
      }
      throw failure("searching the groups of " + member, e);
    }
    Map<DN, String> groups = new LinkedHashMap<>();
    for (SearchResultEntry entry : result.getSearchEntries()) {
      DN dn = parsedDn(entry);
      String name = groupName(entry);
      if (name != null) {
        groups.put(dn, name);
      }
    }
    return groups;
  }

  private RemoteAccount toAccount(SearchResultEntry entry, java.util.Collection<String> groups) {
    Map<String, List<String>> attributes = new LinkedHashMap<>();
    for (Attribute attribute : entry.getAttributes()) {
      String base = attribute.getBaseName();
      if (base.equalsIgnoreCase(OBJECT_CLASS)
          || base.equalsIgnoreCase("userPassword")
          || ActiveDirectoryAttributes.isPassword(base)
          || base.equalsIgnoreCase(disableAttribute())) {
        continue;
      }
      attributes.put(attribute.getName(), ActiveDirectoryAttributes.readableValues(attribute));
    }
    return new RemoteAccount(
        entry.getDN(), accountName(entry), attributes, isEnabled(entry), new TreeSet<>(groups));
  }

  private boolean isEnabled(Entry entry) {
    String value = entry.getAttributeValue(disableAttribute());
    if (settings.disableStyle() == DisableStyle.ATTRIBUTE) {
      return value == null;
    }
    return value == null || !DisableStyle.isDisabled(parseControl(parsedDn(entry), value));
  }

  /**
   * The account name: the value of the naming attribute that the entry's RDN holds. The attribute
   * value is preferred to the value parsed from the DN, which servers may return with insignificant
   * spaces dropped.
   */
  private String accountName(Entry entry) {
    String name = namingValue(entry, settings.accountsRdn());
    return name == null ? entry.getDN() : name;
  }

  /** The entitlement name of a group entry read with its naming attribute. */
  private @Nullable String groupName(Entry group) {
    return namingValue(group, settings.groupsRdn());
  }

  private @Nullable String namingValue(Entry entry, String attribute) {
    String fromRdn = rdnValue(parsedDn(entry), attribute);
    String[] values = entry.getAttributeValues(attribute);
    if (values == null || values.length == 0) {
      return fromRdn;
    }
    if (values.length == 1 || fromRdn == null) {
      return values[0];
    }
    for (String value : values) {
      if (value.equals(fromRdn)) {
        return value;
      }
    }
    for (String value : values) {
      if (value.strip().equalsIgnoreCase(fromRdn.strip())) {
        return value;
      }
    }
    return fromRdn;
  }

  private static @Nullable String rdnValue(DN dn, String attribute) {
    RDN rdn = dn.getRDN();
    if (rdn == null) {
      return null;
    }
    String[] names = rdn.getAttributeNames();
    String[] values = rdn.getAttributeValues();
    for (int index = 0; index < names.length; index++) {
      if (names[index].equalsIgnoreCase(attribute)) {
        return values[index];
      }
    }
    return null;
  }

  private List<DN> memberDns(Entry group) {
    List<DN> members = new ArrayList<>();
    String[] values = group.getAttributeValues(settings.groupsMemberAttribute());
    if (values != null) {
      for (String value : values) {
        try {
          members.add(new DN(value));
        } catch (LDAPException e) {
          // A value that is not a DN names no account.
        }
      }
    }
    return members;
  }

  private DN parsedDn(Entry entry) {
    try {
      return entry.getParsedDN();
    } catch (LDAPException e) {
      throw new ConnectorException(
          ErrorKind.OTHER,
          "target '" + settings.targetName() + "': server returned an invalid DN",
          e);
    }
  }

  private long parseControl(DN dn, String value) {
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw new ConnectorException(
          ErrorKind.SCHEMA,
          "target '"
              + settings.targetName()
              + "': "
              + disableAttribute()
              + " of "
              + dn
              + " is not an integer");
    }
  }

  private DN accountDn(String name) {
    return new DN(new RDN(settings.accountsRdn(), name), settings.accountsBase());
  }

  private DN accountDn(AccountReference account) {
    if (account.nativeId() != null) {
      try {
        return new DN(account.nativeId());
      } catch (LDAPException e) {
        throw new ConnectorException(
            ErrorKind.INVALID_INPUT,
            "target '" + settings.targetName() + "': native id is not a DN: " + account.nativeId());
      }
    }
    return accountDn(checked("account name", account.name()));
  }

  private DN groupDn(String entitlement) {
    checked("entitlement", entitlement);
    return new DN(new RDN(settings.groupsRdn(), entitlement), settings.groupsBase());
  }

  /**
   * Rejects names a directory cannot hold faithfully: blank, or with control characters or broken
   * UTF-16 (which would not survive UTF-8 encoding).
   */
  private String checked(String what, String value) {
    boolean broken = value.isBlank();
    for (int index = 0; index < value.length() && !broken; index++) {
      char character = value.charAt(index);
      if (Character.isISOControl(character)) {
        broken = true;
      } else if (Character.isHighSurrogate(character)) {
        broken = index + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(++index));
      } else if (Character.isLowSurrogate(character)) {
        broken = true;
      }
    }
    if (broken) {
      throw new ConnectorException(
          ErrorKind.INVALID_INPUT,
          "target '"
              + settings.targetName()
              + "': "
              + what
              + " must not be blank nor contain control characters");
    }
    return value;
  }

  private void modify(ModifyRequest request, String attempted) {
    try {
      pool.modify(request);
    } catch (LDAPException e) {
      throw failure(attempted, e);
    }
  }

  private void modifyIgnoring(ModifyRequest request, String attempted, ResultCode harmless) {
    try {
      pool.modify(request);
    } catch (LDAPException e) {
      if (!e.getResultCode().equals(harmless)) {
        throw failure(attempted, e);
      }
    }
  }

  private ConnectorException notFound(AccountReference account) {
    return new ConnectorException(
        ErrorKind.NOT_FOUND,
        "target '" + settings.targetName() + "': account '" + account.name() + "' does not exist");
  }

  private ConnectorException failure(String attempted, LDAPException e) {
    return ResultCodes.toConnectorException(settings.targetName(), attempted, e);
  }

  /** Pages of accounts read on one connection, held until closed or exhausted. */
  private final class AccountPages extends Spliterators.AbstractSpliterator<RemoteAccount> {
    private final LDAPConnection connection;
    private final AtomicBoolean released = new AtomicBoolean();
    private final Deque<SearchResultEntry> buffer = new ArrayDeque<>();
    private final Filter filter;
    private @Nullable Map<DN, Set<String>> memberships;
    private com.unboundid.asn1.@Nullable ASN1OctetString cookie;
    private boolean exhausted;

    AccountPages(LDAPConnection connection, Filter filter) {
      super(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL | Spliterator.DISTINCT);
      this.connection = connection;
      this.filter = filter;
    }

    @Override
    public boolean tryAdvance(Consumer<? super RemoteAccount> action) {
      if (released.get()) {
        return false;
      }
      try {
        if (memberships == null) {
          memberships = readMemberships();
        }
        if (buffer.isEmpty() && !exhausted) {
          readPage();
        }
      } catch (LDAPException e) {
        if (released.compareAndSet(false, true)) {
          openStreams.decrementAndGet();
          pool.releaseConnectionAfterException(connection, e);
        }
        throw failure("reading accounts under " + settings.accountsBase(), e);
      }
      SearchResultEntry entry = buffer.poll();
      if (entry == null) {
        release();
        return false;
      }
      Set<String> groups = memberships.getOrDefault(parsedDn(entry), Set.of());
      action.accept(toAccount(entry, groups));
      return true;
    }

    private void readPage() throws LDAPException {
      SearchRequest request =
          new SearchRequest(
              settings.accountsBase().toString(), SearchScope.SUB, filter, accountAttributes);
      request.setControls(new SimplePagedResultsControl(settings.pageSize(), cookie, true));
      SearchResult result = connection.search(request);
      buffer.addAll(result.getSearchEntries());
      SimplePagedResultsControl response = SimplePagedResultsControl.get(result);
      if (response != null && response.moreResultsToReturn()) {
        cookie = response.getCookie();
      } else {
        exhausted = true;
      }
    }

    private Map<DN, Set<String>> readMemberships() throws LDAPException {
      Map<DN, Set<String>> result = new HashMap<>();
      com.unboundid.asn1.ASN1OctetString groupCookie = null;
      do {
        SearchRequest request =
            new SearchRequest(
                settings.groupsBase().toString(),
                SearchScope.SUB,
                Filter.createEqualityFilter(OBJECT_CLASS, settings.groupsObjectClass()),
                settings.groupsMemberAttribute(),
                settings.groupsRdn());
        request.setControls(new SimplePagedResultsControl(settings.pageSize(), groupCookie, true));
        SearchResult page;
        try {
          page = connection.search(request);
        } catch (LDAPException e) {
          if (e.getResultCode().equals(ResultCode.NO_SUCH_OBJECT)) {
            return result;
          }
          throw e;
        }
        for (SearchResultEntry group : page.getSearchEntries()) {
          String name = groupName(group);
          if (name == null) {
            continue;
          }
          for (DN member : memberDns(group)) {
            result.computeIfAbsent(member, key -> new TreeSet<>()).add(name);
          }
        }
        SimplePagedResultsControl response = SimplePagedResultsControl.get(page);
        groupCookie =
            response != null && response.moreResultsToReturn() ? response.getCookie() : null;
      } while (groupCookie != null);
      return result;
    }

    /** Ends an unfinished paged search (a page of size 0, RFC 2696) and returns the connection. */
    void release() {
      if (released.compareAndSet(false, true)) {
        openStreams.decrementAndGet();
        if (cookie != null && !exhausted) {
          SearchRequest abandon =
              new SearchRequest(
                  settings.accountsBase().toString(),
                  SearchScope.SUB,
                  accountFilter,
                  NO_ATTRIBUTES);
          abandon.setControls(new SimplePagedResultsControl(0, cookie, true));
          try {
            connection.search(abandon);
          } catch (LDAPException e) {
            pool.releaseConnectionAfterException(connection, e);
            return;
          }
        }
        pool.releaseConnection(connection);
      }
    }
  }

  @Override
  public String toString() {
    return "LdapConnector[" + settings.targetName() + ", " + settings.url() + "]";
  }
}
