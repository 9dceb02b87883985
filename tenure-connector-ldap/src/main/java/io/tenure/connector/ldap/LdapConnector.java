package io.tenure.connector.ldap;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.RDN;
import io.tenure.connector.spi.AccountReference;
import io.tenure.connector.spi.AttributeDelta;
import io.tenure.connector.spi.BatchCall;
import io.tenure.connector.spi.BatchCapability;
import io.tenure.connector.spi.BatchResult;
import io.tenure.connector.spi.Connector;
import io.tenure.connector.spi.CreateCapability;
import io.tenure.connector.spi.DeleteCapability;
import io.tenure.connector.spi.EnableDisableCapability;
import io.tenure.connector.spi.EntitlementCapability;
import io.tenure.connector.spi.IncrementalSearchCapability;
import io.tenure.connector.spi.NewAccount;
import io.tenure.connector.spi.RemoteAccount;
import io.tenure.connector.spi.TestCapability;
import io.tenure.connector.spi.UpdateCapability;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

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
 *
 * <p>This class only delegates, each capability to the part that holds its idea: {@link
 * AccountEntries} (create, update, delete), {@link DisabledState} (enable, disable), {@link
 * GroupMemberships} and {@link LastMembers} (grant, revoke), {@link NameLookups} (find, names in
 * use), {@link AccountStreams} (accounts, changed since), {@link LdapBatches} and {@link
 * MembershipBatches} (batches) and {@link Directory} (test, close).
 */
public final class LdapConnector
    implements Connector,
        CreateCapability,
        UpdateCapability,
        EnableDisableCapability,
        DeleteCapability,
        EntitlementCapability,
        IncrementalSearchCapability,
        TestCapability,
        BatchCapability {

  private final LdapSettings settings;
  private final Directory directory;
  private final AccountEntries accounts;
  private final DisabledState disabledState;
  private final GroupMemberships memberships;
  private final NameLookups lookups;
  private final AccountStreams streams;
  private final LdapBatches batches;

  LdapConnector(LdapSettings settings) {
    this.settings = settings;
    this.directory = new Directory(settings, ConnectionPools.open(settings));
    DirectoryNames names = new DirectoryNames(settings);
    this.disabledState = new DisabledState(directory, names);
    LastMembers lastMembers = new LastMembers(directory, names);
    this.memberships = new GroupMemberships(directory, names, lastMembers);
    this.accounts = new AccountEntries(directory, names, disabledState, memberships);
    this.lookups = new NameLookups(directory, names, accounts, memberships);
    this.streams = new AccountStreams(directory, names, accounts);
    this.batches =
        new LdapBatches(
            this,
            accounts,
            memberships,
            new MembershipBatches(directory, names, memberships, lastMembers),
            settings);
  }

  @Override
  public String type() {
    return LdapConnectorFactory.TYPE;
  }

  @Override
  public RemoteAccount create(NewAccount account) {
    return accounts.create(account);
  }

  @Override
  public void update(AccountReference account, List<AttributeDelta> deltas) {
    accounts.update(account, deltas);
  }

  @Override
  public void disable(AccountReference account) {
    disabledState.set(account, true);
  }

  @Override
  public void enable(AccountReference account) {
    disabledState.set(account, false);
  }

  @Override
  public void delete(AccountReference account) {
    accounts.delete(account);
  }

  @Override
  public void grant(AccountReference account, String entitlement) {
    memberships.grant(account, entitlement);
  }

  @Override
  public void revoke(AccountReference account, String entitlement) {
    memberships.revoke(account, entitlement);
  }

  @Override
  public Optional<RemoteAccount> find(String name) {
    return lookups.find(name);
  }

  /**
   * Which of the names an entry under {@code accounts.base} already uses as its naming attribute,
   * whatever its object classes: one search for up to 200 names.
   */
  @Override
  public Set<String> namesInUse(Collection<String> names) {
    return lookups.namesInUse(names);
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
    return streams.all();
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
    return streams.changedSince(since);
  }

  /** How many streams from {@link #accounts()} still hold a connection; for tests. */
  int openStreams() {
    return streams.openStreams();
  }

  /**
   * {@code batch.size} (default {@value LdapSettings#DEFAULT_BATCH_SIZE}); 1 turns batching off.
   */
  @Override
  public int maxBatchSize() {
    return batches.maxBatchSize();
  }

  /**
   * {@code batch.maxGrants} (default {@value LdapSettings#DEFAULT_BATCH_MAX_GRANTS}): the engine
   * gathers the ready grants of a group into one batch, so that a new group is created with all its
   * first members in one add, and an existing one gets them in as few modifies as {@code
   * batch.maxValues} and {@code batch.maxBytes} allow. 1 when batching is off.
   */
  @Override
  public int maxGrantsOfOneEntitlement() {
    return batches.maxGrantsOfOneEntitlement();
  }

  /**
   * Runs the calls with one result each, the single call's: the grants (or revokes) of one group
   * are sent as modifies of up to {@code batch.maxValues} member values ({@code batch.maxBytes}), a
   * missing group created by one add with the first of them, falling back to the single call of
   * each account when such a modify fails for a reason of its own (a member that does not exist, a
   * group the server would leave empty); a create is one add that returns its entry (post-read
   * control), the batch's new accounts checked for groups with one search; every other call is its
   * single call. The work is spread over up to {@code pool.size} pooled connections in parallel.
   * Never throws for the whole batch: an unreachable directory is each call's (retryable) error.
   */
  @Override
  public List<BatchResult> execute(List<BatchCall> calls) {
    return batches.execute(calls);
  }

  @Override
  public void test() {
    directory.test();
  }

  @Override
  public void close() {
    batches.close();
    directory.close();
  }

  @Override
  public String toString() {
    return "LdapConnector[" + settings.targetName() + ", " + settings.url() + "]";
  }
}
