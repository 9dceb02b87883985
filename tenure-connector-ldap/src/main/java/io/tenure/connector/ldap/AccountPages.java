package io.tenure.connector.ldap;

import com.unboundid.asn1.ASN1OctetString;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.controls.SimplePagedResultsControl;
import io.tenure.connector.spi.RemoteAccount;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Pages of accounts read on one connection, held until released: when exhausted, when a read fails,
 * or when the stream is closed ({@link #release()}, which ends an unfinished paged search with a
 * page of size 0, RFC 2696). Before the first account, every group is read into a map from member
 * DN to group names.
 */
final class AccountPages extends Spliterators.AbstractSpliterator<RemoteAccount> {

  private final Directory directory;
  private final DirectoryNames names;
  private final AccountEntries accounts;
  private final LdapSettings settings;
  private final LDAPConnection connection;
  private final Filter filter;
  private final AtomicInteger openStreams;
  private final AtomicBoolean released = new AtomicBoolean();
  private final Deque<SearchResultEntry> buffer = new ArrayDeque<>();
  private @Nullable Map<DN, Set<String>> memberships;
  private @Nullable ASN1OctetString cookie;
  private boolean exhausted;

  /**
   * @param connection borrowed from the directory's pool; returned to it on release
   * @param filter the accounts to read
   * @param openStreams the count of streams holding a connection, already counting this one;
   *     decremented on release
   */
  AccountPages(
      Directory directory,
      DirectoryNames names,
      AccountEntries accounts,
      LDAPConnection connection,
      Filter filter,
      AtomicInteger openStreams) {
    super(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL | Spliterator.DISTINCT);
    this.directory = directory;
    this.names = names;
    this.accounts = accounts;
    this.settings = directory.settings();
    this.connection = connection;
    this.filter = filter;
    this.openStreams = openStreams;
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
        pool().releaseConnectionAfterException(connection, e);
      }
      throw directory.failure("reading accounts under " + settings.accountsBase(), e);
    }
    SearchResultEntry entry = buffer.poll();
    if (entry == null) {
      release();
      return false;
    }
    Set<String> groups = memberships.getOrDefault(names.parsedDn(entry), Set.of());
    action.accept(accounts.toAccount(entry, groups));
    return true;
  }

  private void readPage() throws LDAPException {
    SearchRequest request =
        new SearchRequest(
            settings.accountsBase().toString(), SearchScope.SUB, filter, accounts.attributesRead());
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
    ASN1OctetString groupCookie = null;
    do {
      SearchRequest request =
          new SearchRequest(
              settings.groupsBase().toString(),
              SearchScope.SUB,
              Filter.createEqualityFilter(Directory.OBJECT_CLASS, settings.groupsObjectClass()),
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
        String name = names.groupName(group);
        if (name == null) {
          continue;
        }
        for (DN member : names.memberDns(group)) {
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
                accounts.filter(),
                Directory.NO_ATTRIBUTES);
        abandon.setControls(new SimplePagedResultsControl(0, cookie, true));
        try {
          connection.search(abandon);
        } catch (LDAPException e) {
          pool().releaseConnectionAfterException(connection, e);
          return;
        }
      }
      pool().releaseConnection(connection);
    }
  }

  private LDAPConnectionPool pool() {
    return directory.pool();
  }
}
