package io.tenure.source.ldap;

import com.unboundid.asn1.ASN1OctetString;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPURL;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.controls.SimplePagedResultsControl;
import com.unboundid.util.ssl.SSLUtil;
import io.tenure.core.source.RecordLocation;
import io.tenure.core.source.RecordProblem;
import io.tenure.engine.configuration.LdapSourceSettings;
import io.tenure.engine.configuration.SourceDefinition;
import io.tenure.engine.ingest.RecordMapping;
import io.tenure.engine.ingest.SourceFileException;
import io.tenure.engine.ingest.SourceRead;
import io.tenure.engine.ingest.SourceReader;
import io.tenure.engine.ingest.SourceRow;
import java.security.GeneralSecurityException;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.StreamSupport;
import org.jspecify.annotations.Nullable;

/**
 * Reads an {@code ldap} source: a subtree search of {@code base} for {@code filter}, asking only
 * for the attributes the mapping reads, {@value #PAGE_SIZE} entries at a time (the simple paged
 * results control of RFC 2696, not critical: a server without it answers the whole search at once,
 * and Active Directory answers more than its page limit of 1,000 only this way). Memory holds one
 * page, whatever the directory's size, and a read closed before its end simply stops asking. Each
 * entry is mapped by {@link RecordMapping} and located by its DN; an attribute the entry lacks is
 * an absent value, and of a multi-valued attribute the first value is taken. Every read is a whole
 * one.
 *
 * <p>A directory that cannot be reached, refuses the bind, or lacks the base refuses the source as
 * a whole; a search that fails in the middle ends with a rejected row saying so. {@code ldaps://}
 * trusts the server's certificate as the JVM's default trust store does.
 */
final class LdapSourceReader implements SourceReader {

  /** How long connecting and each response may take. */
  static final int TIMEOUT_MILLIS = 30_000;

  /** Entries asked for per page. */
  static final int PAGE_SIZE = 500;

  @Override
  public SourceRead open(SourceDefinition source, Optional<String> checkpoint) {
    if (!(source.connection() instanceof LdapSourceSettings settings)) {
      throw new IllegalArgumentException("source '" + source.name() + "' is not an ldap source");
    }
    RecordLocation origin = RecordLocation.named("", settings.describe());
    RecordMapping mapping = RecordMapping.of(source, Optional.empty());
    LDAPConnection connection = connect(settings, origin);
    try {
      if (connection.getEntry(settings.base(), "1.1") == null) {
        connection.close();
        throw new SourceFileException(
            new RecordProblem(
                origin, null, "the base " + settings.base() + " does not exist in the directory"));
      }
      SearchRequest request =
          new SearchRequest(
              settings.base(),
              SearchScope.SUB,
              Filter.create(settings.filter()),
              mapping.columnsRead().toArray(String[]::new));
      Pages rows = new Pages(connection, request, mapping, settings);
      return SourceRead.whole(StreamSupport.stream(rows, false).onClose(connection::close));
    } catch (LDAPException e) {
      connection.close();
      throw new SourceFileException(
          new RecordProblem(origin, null, "cannot be searched: " + e.getExceptionMessage()), e);
    } catch (RuntimeException e) {
      connection.close();
      throw e;
    }
  }

  private static LDAPConnection connect(LdapSourceSettings settings, RecordLocation origin) {
    try {
      LDAPURL url = new LDAPURL(settings.url());
      LDAPConnectionOptions options = new LDAPConnectionOptions();
      options.setConnectTimeoutMillis(TIMEOUT_MILLIS);
      options.setResponseTimeoutMillis(TIMEOUT_MILLIS);
      LDAPConnection connection =
          url.getScheme().equals("ldaps")
              ? new LDAPConnection(
                  new SSLUtil().createSSLSocketFactory(), options, url.getHost(), url.getPort())
              : new LDAPConnection(options, url.getHost(), url.getPort());
      if (settings.bindDn() != null) {
        try {
          connection.bind(
              settings.bindDn(), settings.password() == null ? "" : settings.password());
        } catch (LDAPException e) {
          connection.close();
          throw e;
        }
      }
      return connection;
    } catch (LDAPException e) {
      throw new SourceFileException(
          new RecordProblem(
              origin, null, "cannot connect to " + settings.url() + ": " + e.getExceptionMessage()),
          e);
    } catch (GeneralSecurityException e) {
      throw new SourceFileException(
          new RecordProblem(
              origin, null, "cannot set up TLS for " + settings.url() + ": " + e.getMessage()),
          e);
    }
  }

  /** The entries of the search, as rows, asked for a page at a time. */
  private static final class Pages extends Spliterators.AbstractSpliterator<SourceRow> {

    private final LDAPConnection connection;
    private final SearchRequest request;
    private final RecordMapping mapping;
    private final LdapSourceSettings settings;
    private Iterator<SearchResultEntry> page = Collections.emptyIterator();
    private @Nullable ASN1OctetString cookie;
    private boolean lastPage;
    private boolean finished;

    Pages(
        LDAPConnection connection,
        SearchRequest request,
        RecordMapping mapping,
        LdapSourceSettings settings) {
      super(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL);
      this.connection = connection;
      this.request = request;
      this.mapping = mapping;
      this.settings = settings;
    }

    @Override
    public boolean tryAdvance(Consumer<? super SourceRow> action) {
      while (!finished && !page.hasNext()) {
        if (lastPage) {
          finished = true;
          return false;
        }
        try {
          nextPage();
        } catch (LDAPException e) {
          finished = true;
          RecordLocation location = RecordLocation.named("", settings.describe());
          action.accept(
              SourceRow.unreadableFrom(
                  location, "the search cannot be read from here on: " + e.getExceptionMessage()));
          return true;
        }
      }
      if (finished) {
        return false;
      }
      Entry entry = page.next();
      action.accept(mapping.map(RecordLocation.named("", entry.getDN()), values(entry)));
      return true;
    }

    /** Asks for the next page; the last one is the one the server says ends the search. */
    private void nextPage() throws LDAPException {
      SearchRequest paged = request.duplicate();
      paged.setControls(new SimplePagedResultsControl(PAGE_SIZE, cookie, false));
      SearchResult result = connection.search(paged);
      page = result.getSearchEntries().iterator();
      SimplePagedResultsControl response = SimplePagedResultsControl.get(result);
      if (response == null || !response.moreResultsToReturn()) {
        lastPage = true;
      } else {
        cookie = response.getCookie();
      }
    }

    private Map<String, @Nullable String> values(Entry entry) {
      Map<String, @Nullable String> values = new HashMap<>();
      for (String column : mapping.columnsRead()) {
        Attribute attribute = entry.getAttribute(column);
        values.put(column, attribute == null ? null : attribute.getValue());
      }
      return values;
    }
  }
}
