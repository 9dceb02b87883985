package io.tenure.connector.testkit;

import io.tenure.connector.spi.AccountReference;
import io.tenure.connector.spi.AttributeDelta;
import io.tenure.connector.spi.ConnectorException;
import io.tenure.connector.spi.ErrorKind;
import io.tenure.connector.spi.NewAccount;
import io.tenure.connector.spi.RemoteAccount;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * An in-memory target system for tests: accounts with attributes, an enabled flag and entitlements,
 * plus fault modes (fail the next calls with a chosen {@link ErrorKind}, before or after their
 * effect; an outage that fails every call until it ends), latency, and call counters.
 *
 * <p>Instances live in a static registry by name, so that a test can reach the target that {@link
 * FakeConnectorFactory} connected to: {@code FakeTarget.named("hr-directory")}. Thread-safe: every
 * state change happens under the instance's lock; latency is spent outside it.
 *
 * <p>Account names are case-sensitive; any name without control characters is accepted, so hostile
 * names round-trip. Native ids are {@code fake:<n>} in creation order.
 */
public final class FakeTarget {

  private static final Map<String, FakeTarget> REGISTRY = new ConcurrentHashMap<>();

  private final String name;
  private final Object lock = new Object();
  private final TreeMap<String, StoredAccount> accounts = new TreeMap<>();
  private final TreeMap<String, TreeSet<String>> entitlementMembers = new TreeMap<>();
  private final List<Fault> faults = new ArrayList<>();
  private final Map<FakeOperation, AtomicInteger> calls = new EnumMap<>(FakeOperation.class);
  private final AtomicInteger openStreams = new AtomicInteger();
  private long nextNativeId = 1;
  private volatile Duration latency = Duration.ZERO;
  private volatile boolean createEntitlements = true;
  private volatile int batchSize = 1;
  private volatile int grantsOfOneEntitlement = 1;
  private final List<Integer> batchSizes = new CopyOnWriteArrayList<>();
  private volatile @Nullable ErrorKind outage;

  private FakeTarget(String name) {
    this.name = name;
    for (FakeOperation operation : FakeOperation.values()) {
      calls.put(operation, new AtomicInteger());
    }
  }

  /** The target registered under that name, created empty on first use. */
  public static FakeTarget named(String name) {
    return REGISTRY.computeIfAbsent(name, FakeTarget::new);
  }

  /** Removes the named target from the registry (a later {@link #named} starts empty). */
  public static void forget(String name) {
    REGISTRY.remove(name);
  }

  /** The name this target is registered under. */
  public String name() {
    return name;
  }

  // ---- fault modes, latency, counters ----

  /** The next {@code times} calls, whatever they are, fail with {@code kind} before any effect. */
  public void failNext(int times, ErrorKind kind) {
    failNext(times, kind, FakeCall.any());
  }

  /** The next {@code times} calls of {@code operation} fail with {@code kind} before any effect. */
  public void failNext(int times, ErrorKind kind, FakeOperation operation) {
    failNext(times, kind, FakeCall.on(operation));
  }

  /** The next {@code times} matching calls fail with {@code kind} before any effect. */
  public void failNext(int times, ErrorKind kind, Predicate<FakeCall> matching) {
    addFault(times, kind, matching, false);
  }

  /**
   * The next {@code times} matching calls take effect and then fail with {@code kind}: the caller
   * sees an error although the target changed, as after a lost response. Use it to test that
   * retries are idempotent.
   */
  public void failNextAfterEffect(int times, ErrorKind kind, Predicate<FakeCall> matching) {
    addFault(times, kind, matching, true);
  }

  private void addFault(int times, ErrorKind kind, Predicate<FakeCall> matching, boolean after) {
    if (times < 0) {
      throw new IllegalArgumentException("times must not be negative: " + times);
    }
    synchronized (lock) {
      faults.add(new Fault(matching, kind, new AtomicInteger(times), after));
    }
  }

  /**
   * The target goes down: from now until {@link #endOutage()}, every call (tests and reads
   * included) is counted and fails with {@link ErrorKind#CONNECTION} before any effect, as when the
   * server is stopped. Pending faults wait until the outage ends.
   */
  public void startOutage() {
    startOutage(ErrorKind.CONNECTION);
  }

  /**
   * As {@link #startOutage()}, every call failing with {@code kind} (for example {@link
   * ErrorKind#TIMEOUT} for a server that accepts connections but never answers).
   */
  public void startOutage(ErrorKind kind) {
    outage = kind;
  }

  /** The target answers again. */
  public void endOutage() {
    outage = null;
  }

  /** Whether an outage started with {@link #startOutage()} is going on. */
  public boolean isDown() {
    return outage != null;
  }

  /** Removes every pending fault. */
  public void clearFaults() {
    synchronized (lock) {
      faults.clear();
    }
  }

  /** Every call waits this long before it runs (zero for none). */
  public void setLatency(Duration latency) {
    if (latency.isNegative()) {
      throw new IllegalArgumentException("latency must not be negative: " + latency);
    }
    this.latency = latency;
  }

  /** Whether a grant of an unknown entitlement creates it (true) or fails with NOT_FOUND. */
  public void setCreateEntitlements(boolean createEntitlements) {
    this.createEntitlements = createEntitlements;
  }

  /**
   * The most calls a connector to this target takes in one batch; 1 (the default) means no
   * batching.
   */
  public void setBatchSize(int batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be at least 1: " + batchSize);
    }
    this.batchSize = batchSize;
  }

  /**
   * How many grants of one entitlement one batch may hold ({@code
   * BatchCapability#maxGrantsOfOneEntitlement}, never less than the batch size); 1 (the default)
   * means no more than the batch size.
   */
  public void setGrantsOfOneEntitlement(int grants) {
    if (grants < 1) {
      throw new IllegalArgumentException("grants of one entitlement must be at least 1: " + grants);
    }
    this.grantsOfOneEntitlement = grants;
  }

  /** The value set with {@link #setGrantsOfOneEntitlement}. */
  public int grantsOfOneEntitlement() {
    return grantsOfOneEntitlement;
  }

  /** How many calls each batch held, in the order the batches were executed. */
  public List<Integer> batchSizes() {
    return List.copyOf(batchSizes);
  }

  void batchExecuted(int calls) {
    batchSizes.add(calls);
  }

  /** The batch size set with {@link #setBatchSize}. */
  public int batchSize() {
    return batchSize;
  }

  /** How many calls of that operation were made, failed ones included. */
  public int calls(FakeOperation operation) {
    return calls.get(operation).get();
  }

  /** How many calls were made in total, failed ones included. */
  public int totalCalls() {
    return calls.values().stream().mapToInt(AtomicInteger::get).sum();
  }

  /** Sets every call counter to zero. */
  public void resetCalls() {
    calls.values().forEach(counter -> counter.set(0));
    batchSizes.clear();
  }

  /** How many streams returned by {@code accounts()} are not closed yet. */
  public int openStreams() {
    return openStreams.get();
  }

  /** Removes every account, entitlement and fault, ends an outage, resets counters and latency. */
  public void reset() {
    synchronized (lock) {
      accounts.clear();
      entitlementMembers.clear();
      faults.clear();
      nextNativeId = 1;
    }
    resetCalls();
    latency = Duration.ZERO;
    createEntitlements = true;
    batchSize = 1;
    grantsOfOneEntitlement = 1;
    outage = null;
  }

  // ---- direct state access for test setup and assertions (no counting, no faults) ----

  /** Adds an account directly, as if it had existed before. */
  public RemoteAccount seed(NewAccount account) {
    synchronized (lock) {
      return doCreate(account);
    }
  }

  /** Defines an entitlement with no members. */
  public void defineEntitlement(String entitlement) {
    synchronized (lock) {
      entitlementMembers.computeIfAbsent(entitlement, key -> new TreeSet<>());
    }
  }

  /** The account as the target holds it. */
  public Optional<RemoteAccount> account(String accountName) {
    synchronized (lock) {
      return doFind(accountName);
    }
  }

  /** Every account name, sorted. */
  public Set<String> accountNames() {
    synchronized (lock) {
      return Set.copyOf(accounts.keySet());
    }
  }

  /** Every entitlement that exists, sorted. */
  public Set<String> entitlements() {
    synchronized (lock) {
      return Set.copyOf(entitlementMembers.keySet());
    }
  }

  /** The account names holding the entitlement (empty if it does not exist). */
  public Set<String> members(String entitlement) {
    synchronized (lock) {
      return Set.copyOf(entitlementMembers.getOrDefault(entitlement, new TreeSet<>()));
    }
  }

  // ---- operations used by FakeConnector ----

  /**
   * Runs one call: counts it, waits the latency, fails it during an outage, applies a matching
   * fault, and runs the action under the lock.
   */
  <T> T call(FakeCall call, java.util.function.Supplier<T> action) {
    calls.get(call.operation()).incrementAndGet();
    sleepLatency();
    ErrorKind down = outage;
    if (down != null) {
      throw new ConnectorException(
          down,
          "fake target '"
              + name
              + "' is down ("
              + down
              + " on "
              + call.operation()
              + (call.account() == null ? "" : " of '" + call.account() + "'")
              + ")");
    }
    Fault fault;
    synchronized (lock) {
      fault = takeFault(call);
      if (fault != null && !fault.afterEffect()) {
        throw fault.exception(name, call);
      }
      T result = action.get();
      if (fault != null) {
        throw fault.exception(name, call);
      }
      return result;
    }
  }

  private @Nullable Fault takeFault(FakeCall call) {
    for (Fault fault : faults) {
      if (fault.remaining().get() > 0 && fault.matching().test(call)) {
        fault.remaining().decrementAndGet();
        return fault;
      }
    }
    return null;
  }

  private void sleepLatency() {
    Duration wait = latency;
    if (!wait.isZero()) {
      try {
        Thread.sleep(wait.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ConnectorException(ErrorKind.TIMEOUT, "interrupted while waiting", e);
      }
    }
  }

  RemoteAccount doCreate(NewAccount account) {
    checkName(account.name());
    if (accounts.containsKey(account.name())) {
      throw new ConnectorException(
          ErrorKind.ALREADY_EXISTS,
          "fake target '" + name + "': account '" + account.name() + "' exists");
    }
    StoredAccount stored =
        new StoredAccount("fake:" + nextNativeId++, new TreeMap<>(), account.enabled());
    account
        .attributes()
        .forEach(
            (attribute, values) -> {
              if (!values.isEmpty()) {
                stored.attributes().put(attribute, List.copyOf(values));
              }
            });
    accounts.put(account.name(), stored);
    return toRemote(account.name(), stored);
  }

  void doUpdate(AccountReference reference, List<AttributeDelta> deltas) {
    StoredAccount stored = existing(reference);
    for (AttributeDelta delta : deltas) {
      if (delta.values().isEmpty()) {
        stored.attributes().remove(delta.attribute());
      } else {
        stored.attributes().put(delta.attribute(), delta.values());
      }
    }
  }

  void doSetEnabled(AccountReference reference, boolean enabled) {
    existing(reference).enabled = enabled;
  }

  void doDelete(AccountReference reference) {
    String accountName = resolve(reference);
    if (accountName != null) {
      accounts.remove(accountName);
      entitlementMembers.values().forEach(members -> members.remove(accountName));
    }
  }

  void doGrant(AccountReference reference, String entitlement) {
    existing(reference);
    String accountName = resolve(reference);
    TreeSet<String> members = entitlementMembers.get(entitlement);
    if (members == null) {
      if (!createEntitlements) {
        throw new ConnectorException(
            ErrorKind.NOT_FOUND,
            "fake target '" + name + "': entitlement '" + entitlement + "' does not exist");
      }
      members = new TreeSet<>();
      entitlementMembers.put(entitlement, members);
    }
    members.add(accountName);
  }

  void doRevoke(AccountReference reference, String entitlement) {
    String accountName = resolve(reference);
    TreeSet<String> members = entitlementMembers.get(entitlement);
    if (members != null && accountName != null) {
      members.remove(accountName);
    }
  }

  Optional<RemoteAccount> doFind(String accountName) {
    return Optional.ofNullable(accounts.get(accountName)).map(s -> toRemote(accountName, s));
  }

  /** Up to {@code size} accounts with names after {@code after} (all from the start if null). */
  List<RemoteAccount> page(@Nullable String after, int size) {
    Map<String, StoredAccount> rest = after == null ? accounts : accounts.tailMap(after, false);
    List<RemoteAccount> page = new ArrayList<>();
    for (Map.Entry<String, StoredAccount> entry : rest.entrySet()) {
      if (page.size() == size) {
        break;
      }
      page.add(toRemote(entry.getKey(), entry.getValue()));
    }
    return page;
  }

  void streamOpened() {
    openStreams.incrementAndGet();
  }

  void streamClosed() {
    openStreams.decrementAndGet();
  }

  private StoredAccount existing(AccountReference reference) {
    String accountName = resolve(reference);
    if (accountName == null) {
      throw new ConnectorException(
          ErrorKind.NOT_FOUND,
          "fake target '" + name + "': account '" + reference.name() + "' does not exist");
    }
    return accounts.get(accountName);
  }

  /** The stored name: by native id when it is known, else by name; null when absent. */
  private @Nullable String resolve(AccountReference reference) {
    if (reference.nativeId() != null) {
      for (Map.Entry<String, StoredAccount> entry : accounts.entrySet()) {
        if (entry.getValue().nativeId().equals(reference.nativeId())) {
          return entry.getKey();
        }
      }
    }
    return accounts.containsKey(reference.name()) ? reference.name() : null;
  }

  private void checkName(String accountName) {
    boolean control = accountName.codePoints().anyMatch(Character::isISOControl);
    if (control) {
      throw new ConnectorException(
          ErrorKind.INVALID_INPUT,
          "fake target '" + name + "': account names must not contain control characters");
    }
  }

  private RemoteAccount toRemote(String accountName, StoredAccount stored) {
    Set<String> held = new TreeSet<>();
    entitlementMembers.forEach(
        (entitlement, members) -> {
          if (members.contains(accountName)) {
            held.add(entitlement);
          }
        });
    return new RemoteAccount(
        stored.nativeId(), accountName, stored.attributes(), stored.enabled, held);
  }

  @Override
  public String toString() {
    return "FakeTarget[" + name + "]";
  }

  private static final class StoredAccount {
    private final String nativeId;
    private final TreeMap<String, List<String>> attributes;
    private boolean enabled;

    StoredAccount(String nativeId, TreeMap<String, List<String>> attributes, boolean enabled) {
      this.nativeId = nativeId;
      this.attributes = attributes;
      this.enabled = enabled;
    }

    String nativeId() {
      return nativeId;
    }

    TreeMap<String, List<String>> attributes() {
      return attributes;
    }
  }

  private record Fault(
      Predicate<FakeCall> matching, ErrorKind kind, AtomicInteger remaining, boolean afterEffect) {

    ConnectorException exception(String target, FakeCall call) {
      return new ConnectorException(
          kind,
          "fake target '"
              + target
              + "': injected "
              + kind
              + " on "
              + call.operation()
              + (call.account() == null ? "" : " of '" + call.account() + "'"));
    }
  }
}
