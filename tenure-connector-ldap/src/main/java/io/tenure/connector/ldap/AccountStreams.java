package io.tenure.connector.ldap;

import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPSearchException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchScope;
import io.tenure.connector.spi.RemoteAccount;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Streams of accounts: every account, or the accounts changed since an instant, each read by {@link
 * AccountPages} on one pooled connection held until the stream is closed or exhausted. Counts the
 * streams that still hold a connection.
 */
final class AccountStreams {

  private static final DateTimeFormatter GENERALIZED_TIME =
      DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);

  private final Directory directory;
  private final DirectoryNames names;
  private final AccountEntries accounts;
  private final LdapSettings settings;
  private final AtomicInteger openStreams = new AtomicInteger();

  AccountStreams(Directory directory, DirectoryNames names, AccountEntries accounts) {
    this.directory = directory;
    this.names = names;
    this.accounts = accounts;
    this.settings = directory.settings();
  }

  /**
   * Every account under {@code accounts.base}, read with a simple paged results search of {@code
   * page.size} entries per page. Before the first account every group under {@code groups.base} is
   * read (also paged) into a map from member DN to group names: memory grows with the number of
   * memberships (roughly 100 bytes each), not with the number of accounts.
   */
  Stream<RemoteAccount> all() {
    LDAPConnection connection;
    try {
      connection = directory.pool().getConnection();
    } catch (LDAPException e) {
      throw directory.failure("opening a connection to read accounts", e);
    }
    openStreams.incrementAndGet();
    AccountPages pages =
        new AccountPages(directory, names, accounts, connection, accounts.filter(), openStreams);
    return StreamSupport.stream(pages, false).onClose(pages::release);
  }

  /**
   * The accounts whose {@code modifyTimestamp} is at or after {@code since} (truncated to the
   * second, so a few unchanged accounts may come too), streamed like {@link #all()}. Group
   * membership lives on the group entries, and a member removed by hand leaves no trace on the
   * account: so when any group under {@code groups.base} changed since then, this is every account.
   */
  Stream<RemoteAccount> changedSince(Instant since) {
    Filter changed =
        Filter.createGreaterOrEqualFilter(
            "modifyTimestamp", GENERALIZED_TIME.format(since.truncatedTo(ChronoUnit.SECONDS)));
    if (groupsChanged(changed)) {
      return all();
    }
    LDAPConnection connection;
    try {
      connection = directory.pool().getConnection();
    } catch (LDAPException e) {
      throw directory.failure("opening a connection to read changed accounts", e);
    }
    openStreams.incrementAndGet();
    AccountPages pages =
        new AccountPages(
            directory,
            names,
            accounts,
            connection,
            Filter.createANDFilter(accounts.filter(), changed),
            openStreams);
    return StreamSupport.stream(pages, false).onClose(pages::release);
  }

  private boolean groupsChanged(Filter changed) {
    SearchRequest request =
        new SearchRequest(
            settings.groupsBase().toString(),
            SearchScope.SUB,
            Filter.createANDFilter(
                Filter.createEqualityFilter(Directory.OBJECT_CLASS, settings.groupsObjectClass()),
                changed),
            Directory.NO_ATTRIBUTES);
    request.setSizeLimit(1);
    try {
      return directory.pool().search(request).getEntryCount() > 0;
    } catch (LDAPSearchException e) {
      if (e.getResultCode().equals(ResultCode.SIZE_LIMIT_EXCEEDED)) {
        return true;
      }
      if (e.getResultCode().equals(ResultCode.NO_SUCH_OBJECT)) {
        return false;
      }
      throw directory.failure("looking for groups changed under " + settings.groupsBase(), e);
    }
  }

  /** How many streams still hold a connection. */
  int openStreams() {
    return openStreams.get();
  }
}
