package io.tenure.connector.scim;

import com.unboundid.scim2.client.ScimService;
import com.unboundid.scim2.common.filters.Filter;
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
import io.tenure.connector.spi.NewAccount;
import io.tenure.connector.spi.RemoteAccount;
import io.tenure.connector.spi.SearchCapability;
import io.tenure.connector.spi.TestCapability;
import io.tenure.connector.spi.UpdateCapability;
import jakarta.ws.rs.client.Client;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * A connection to one SCIM 2.0 service provider: accounts are SCIM Users named by {@code userName},
 * entitlements are SCIM Groups named by {@code displayName}. Thread-safe.
 *
 * <p>This class only wires and delegates: {@link ServiceProvider} (features, requests, PATCH or
 * PUT), {@link UserAccounts} and {@link UserResources} (accounts as Users), {@link
 * GroupMemberships} and {@link AccountEntitlements} (entitlements as Groups), {@link
 * ResourcesByName} and {@link ResourcePages} (look-ups and paging), {@link BulkBatches} (batches).
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

  private final Client client;
  private final ServiceProvider provider;
  private final UserAccounts accounts;
  private final GroupMemberships memberships;
  private final BulkBatches batches;

  ScimConnector(ScimSettings settings, Clock clock, Sleeper sleeper) {
    @Nullable Filter accountFilter =
        settings.accountFilter().map(UserAccounts::parseAccountFilter).orElse(null);
    this.client = HttpClients.open(settings);
    ScimCalls calls =
        new ScimCalls(
            settings.targetName(),
            clock,
            sleeper,
            settings.maxAttempts(),
            settings.maxRetryWait(),
            settings.defaultRetryWait());
    this.provider =
        new ServiceProvider(settings, new ScimService(client.target(settings.url())), calls);
    ResourcesByName byName = new ResourcesByName(provider);
    UserResources users = new UserResources(provider, byName, new AccountEntitlements(provider));
    this.accounts = new UserAccounts(provider, users, accountFilter);
    this.memberships = new GroupMemberships(provider, byName, users);
    ScimBulk bulk =
        new ScimBulk(
            settings.targetName(), client.target(settings.url()), calls, users::createdAccount);
    this.batches = new BulkBatches(provider, users, bulk);
    try {
      provider.features();
    } catch (ConnectorException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "target ''{0}'': ServiceProviderConfig not read yet, will retry on first use: {1}",
          settings.targetName(),
          e.getMessage());
    }
  }

  @Override
  public String type() {
    return ScimConnectorFactory.TYPE;
  }

  /** What the provider supports; read once from {@code /ServiceProviderConfig}. */
  ProviderFeatures features() {
    return provider.features();
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
    accounts.setActive(account, false);
  }

  @Override
  public void enable(AccountReference account) {
    accounts.setActive(account, true);
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
    return accounts.find(name);
  }

  @Override
  public Stream<RemoteAccount> accounts() {
    return accounts.all();
  }

  @Override
  public void test() {
    provider.test();
  }

  @Override
  public void close() {
    try {
      client.close();
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.DEBUG, "closing the HTTP client failed", e);
    }
  }

  /**
   * The most calls of one batch: {@code bulk.maxOperations}, lowered to the provider's {@code
   * bulk.maxOperations}; 1 (no batching) when bulk is not used or the provider cannot be read.
   */
  @Override
  public int maxBatchSize() {
    return batches.maxBatchSize();
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
    return batches.execute(calls, this);
  }

  /** See {@link ResourcesByName#firstSpecialCharacter}. */
  static int firstSpecialCharacter(String name) {
    return ResourcesByName.firstSpecialCharacter(name);
  }

  /** See {@link ResourcesByName#equalityFilter}. */
  static String equalityFilter(String attribute, String value) {
    return ResourcesByName.equalityFilter(attribute, value);
  }
}
