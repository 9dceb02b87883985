package io.tenure.connector.testkit;

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
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.jspecify.annotations.Nullable;

/**
 * A connector to a {@link FakeTarget}, implementing every capability. Thread-safe. {@link
 * #accounts()} reads the target lazily in pages of the configured size; each page read is one
 * {@link FakeOperation#ACCOUNTS} call, so a fault can break a stream midway. A batch is one {@link
 * FakeOperation#BATCH} call (a fault on it fails the whole batch) followed by each of its calls as
 * the single call, faults included; batches hold at most {@link FakeTarget#batchSize()} calls.
 */
public final class FakeConnector
    implements Connector,
        CreateCapability,
        UpdateCapability,
        EnableDisableCapability,
        DeleteCapability,
        EntitlementCapability,
        SearchCapability,
        TestCapability,
        BatchCapability {

  private final FakeTarget target;
  private final int pageSize;
  private final AtomicBoolean closed = new AtomicBoolean();

  /**
   * A connector to the target reading pages of {@code pageSize} accounts.
   *
   * @throws IllegalArgumentException if {@code pageSize} is not positive
   */
  public FakeConnector(FakeTarget target, int pageSize) {
    if (pageSize < 1) {
      throw new IllegalArgumentException("page size must be positive: " + pageSize);
    }
    this.target = target;
    this.pageSize = pageSize;
  }

  /** The target this connector talks to. */
  public FakeTarget target() {
    return target;
  }

  @Override
  public String type() {
    return FakeConnectorFactory.TYPE;
  }

  @Override
  public RemoteAccount create(NewAccount account) {
    return call(FakeOperation.CREATE, account.name(), null, () -> target.doCreate(account));
  }

  @Override
  public void update(AccountReference account, List<AttributeDelta> deltas) {
    List<AttributeDelta> copy = List.copyOf(deltas);
    run(FakeOperation.UPDATE, account.name(), null, () -> target.doUpdate(account, copy));
  }

  @Override
  public void disable(AccountReference account) {
    run(FakeOperation.DISABLE, account.name(), null, () -> target.doSetEnabled(account, false));
  }

  @Override
  public void enable(AccountReference account) {
    run(FakeOperation.ENABLE, account.name(), null, () -> target.doSetEnabled(account, true));
  }

  @Override
  public void delete(AccountReference account) {
    run(FakeOperation.DELETE, account.name(), null, () -> target.doDelete(account));
  }

  @Override
  public void grant(AccountReference account, String entitlement) {
    run(
        FakeOperation.GRANT,
        account.name(),
        entitlement,
        () -> target.doGrant(account, entitlement));
  }

  @Override
  public void revoke(AccountReference account, String entitlement) {
    run(
        FakeOperation.REVOKE,
        account.name(),
        entitlement,
        () -> target.doRevoke(account, entitlement));
  }

  @Override
  public int maxBatchSize() {
    return target.batchSize();
  }

  @Override
  public int maxGrantsOfOneEntitlement() {
    return Math.max(target.batchSize(), target.grantsOfOneEntitlement());
  }

  @Override
  public List<BatchResult> execute(List<BatchCall> calls) {
    run(FakeOperation.BATCH, null, null, () -> target.batchExecuted(calls.size()));
    return calls.stream().map(call -> BatchCall.runSingly(call, this)).toList();
  }

  @Override
  public Optional<RemoteAccount> find(String name) {
    return call(FakeOperation.FIND, name, null, () -> target.doFind(name));
  }

  @Override
  public Stream<RemoteAccount> accounts() {
    if (closed.get()) {
      throw new ConnectorException(
          ErrorKind.OTHER, "fake connector to '" + target.name() + "' is closed");
    }
    target.streamOpened();
    AtomicBoolean streamClosed = new AtomicBoolean();
    return StreamSupport.stream(new Pages(), false)
        .onClose(
            () -> {
              if (streamClosed.compareAndSet(false, true)) {
                target.streamClosed();
              }
            });
  }

  @Override
  public void test() {
    run(FakeOperation.TEST, null, null, () -> {});
  }

  /** Marks this connector closed; later calls fail. The target keeps its state. */
  @Override
  public void close() {
    closed.set(true);
  }

  private void run(
      FakeOperation operation,
      @Nullable String account,
      @Nullable String entitlement,
      Runnable action) {
    call(
        operation,
        account,
        entitlement,
        () -> {
          action.run();
          return Boolean.TRUE;
        });
  }

  private <T> T call(
      FakeOperation operation,
      @Nullable String account,
      @Nullable String entitlement,
      java.util.function.Supplier<T> action) {
    if (closed.get()) {
      throw new ConnectorException(
          ErrorKind.OTHER, "fake connector to '" + target.name() + "' is closed");
    }
    return target.call(new FakeCall(operation, account, entitlement), action);
  }

  /** Reads the target one page at a time, after the last name seen. */
  private final class Pages extends Spliterators.AbstractSpliterator<RemoteAccount> {
    private final Deque<RemoteAccount> buffer = new ArrayDeque<>();
    private @Nullable String lastName;
    private boolean exhausted;

    Pages() {
      super(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL | Spliterator.DISTINCT);
    }

    @Override
    public boolean tryAdvance(Consumer<? super RemoteAccount> action) {
      if (buffer.isEmpty() && !exhausted) {
        String after = lastName;
        List<RemoteAccount> page =
            call(FakeOperation.ACCOUNTS, null, null, () -> target.page(after, pageSize));
        exhausted = page.size() < pageSize;
        buffer.addAll(page);
      }
      RemoteAccount next = buffer.poll();
      if (next == null) {
        return false;
      }
      lastName = next.name();
      action.accept(next);
      return true;
    }
  }
}
