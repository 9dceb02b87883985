package io.tenure.connector.ldap;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPException;
import io.tenure.connector.spi.AccountReference;
import io.tenure.connector.spi.BatchCall;
import io.tenure.connector.spi.BatchResult;
import io.tenure.connector.spi.Connector;
import io.tenure.connector.spi.ConnectorException;
import io.tenure.connector.spi.ErrorKind;
import io.tenure.connector.spi.NewAccount;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Runs a batch of calls ({@link io.tenure.connector.spi.BatchCapability}) against one directory:
 * the grants of one group (all of them: the engine gathers them, up to {@code batch.maxGrants})
 * become one add of the group when it is missing, and modifies of at most {@code batch.maxValues}
 * member values ({@code batch.maxBytes}) otherwise; the revokes become such modifies ({@link
 * MembershipBatches}); every other call (create, update, enable, disable, delete, and a lone grant
 * or revoke of its group) is its single call, but a create gets its entry back in the add's
 * response (post-read control) and the batch's new accounts are checked for group memberships with
 * one search ({@link GroupMemberships#anyGroupHolds}). These units of work run in parallel on up to
 * {@code pool.size} pooled connections, the calling thread being one of the workers, so a batch of
 * creates is sent as fast as the directory takes them. Every call gets its own result, the single
 * call's; nothing here throws for the whole batch.
 *
 * <p>Thread-safe; {@link #close()} stops the helper threads.
 */
final class LdapBatches implements AutoCloseable {

  private final Connector connector;
  private final AccountEntries accounts;
  private final GroupMemberships groups;
  private final MembershipBatches memberships;
  private final LdapSettings settings;
  private final @Nullable ExecutorService helpers;

  LdapBatches(
      Connector connector,
      AccountEntries accounts,
      GroupMemberships groups,
      MembershipBatches memberships,
      LdapSettings settings) {
    this.connector = connector;
    this.accounts = accounts;
    this.groups = groups;
    this.memberships = memberships;
    this.settings = settings;
    this.helpers =
        settings.poolSize() > 1
            ? Executors.newFixedThreadPool(
                settings.poolSize() - 1, daemonThreads("tenure-ldap-" + settings.targetName()))
            : null;
  }

  /** {@code batch.size}: the most calls of one batch; 1 turns batching off. */
  int maxBatchSize() {
    return settings.batchSize();
  }

  /** {@code batch.maxGrants}, at least {@code batch.size}; 1 when batching is off. */
  int maxGrantsOfOneEntitlement() {
    return settings.batchSize() == 1
        ? 1
        : Math.max(settings.batchSize(), settings.batchMaxGrants());
  }

  /** One result per call, in order. */
  List<BatchResult> execute(List<BatchCall> calls) {
    BatchResult[] results = new BatchResult[calls.size()];
    Map<MembershipKey, List<Integer>> groups = new LinkedHashMap<>();
    List<Runnable> units = new ArrayList<>();
    Map<Integer, Entry> created = new ConcurrentHashMap<>();
    for (int index = 0; index < calls.size(); index++) {
      BatchCall call = calls.get(index);
      if (call instanceof BatchCall.Create create) {
        int at = index;
        units.add(() -> results[at] = add(create.account(), at, created));
      } else if (call instanceof BatchCall.SetEntitlement set) {
        groups
            .computeIfAbsent(
                new MembershipKey(set.entitlement(), set.granted()), key -> new ArrayList<>())
            .add(index);
      } else {
        int at = index;
        units.add(() -> results[at] = single(call));
      }
    }
    groups.forEach(
        (key, indexes) -> {
          if (indexes.size() == 1) {
            int at = indexes.get(0);
            units.add(() -> results[at] = single(calls.get(at)));
            return;
          }
          if (key.granted()) {
            // all of them: a missing group is created with as many as one add carries
            units.add(() -> membershipChunk(key, indexes, calls, results));
            return;
          }
          for (int start = 0; start < indexes.size(); start += settings.batchMaxValues()) {
            List<Integer> chunk =
                indexes.subList(start, Math.min(indexes.size(), start + settings.batchMaxValues()));
            units.add(() -> membershipChunk(key, chunk, calls, results));
          }
        });
    runAll(units);
    readGroupsOf(created, results);
    for (int index = 0; index < results.length; index++) {
      if (results[index] == null) {
        results[index] =
            BatchResult.failed(
                new ConnectorException(
                    ErrorKind.OTHER,
                    "target '" + settings.targetName() + "': a batch call was not run"));
      }
    }
    return Arrays.asList(results);
  }

  /**
   * Adds the account's entry; its result is set by {@link #readGroupsOf} once the batch's new
   * accounts are all there (null here), unless it failed.
   */
  private @Nullable BatchResult add(NewAccount account, int at, Map<Integer, Entry> created) {
    try {
      created.put(at, accounts.createWithoutGroups(account));
      return null;
    } catch (RuntimeException e) {
      return BatchResult.failed(unexpected(e));
    }
  }

  /**
   * The created accounts with their groups, as {@link AccountEntries#create} returns them: one
   * search tells that no group holds any of them (nearly always); otherwise each one's groups are
   * read.
   */
  private void readGroupsOf(Map<Integer, Entry> created, BatchResult[] results) {
    List<Integer> indexes = new ArrayList<>(created.keySet());
    for (int start = 0; start < indexes.size(); start += LdapSettings.FILTER_VALUES) {
      List<Integer> chunk =
          indexes.subList(start, Math.min(indexes.size(), start + LdapSettings.FILTER_VALUES));
      boolean held;
      try {
        List<DN> dns = new ArrayList<>();
        for (int index : chunk) {
          dns.add(created.get(index).getParsedDN());
        }
        held = groups.anyGroupHolds(dns);
      } catch (LDAPException | RuntimeException e) {
        BatchResult failed = BatchResult.failed(unexpected(e));
        chunk.forEach(index -> results[index] = failed);
        continue;
      }
      for (int index : chunk) {
        Entry entry = created.get(index);
        try {
          results[index] =
              BatchResult.created(
                  accounts.toAccount(
                      entry,
                      held ? groups.groupsContaining(entry.getParsedDN()).values() : List.of()));
        } catch (LDAPException | RuntimeException e) {
          results[index] = BatchResult.failed(unexpected(e));
        }
      }
    }
  }

  private void membershipChunk(
      MembershipKey key, List<Integer> chunk, List<BatchCall> calls, BatchResult[] results) {
    List<AccountReference> accounts =
        chunk.stream()
            .map(index -> ((BatchCall.SetEntitlement) calls.get(index)).account())
            .toList();
    List<BatchResult> answers;
    try {
      answers =
          key.granted()
              ? memberships.grant(key.entitlement(), accounts)
              : memberships.revoke(key.entitlement(), accounts);
    } catch (RuntimeException e) {
      answers = List.of();
      BatchResult failed = BatchResult.failed(unexpected(e));
      for (int index : chunk) {
        results[index] = failed;
      }
    }
    for (int position = 0; position < answers.size(); position++) {
      results[chunk.get(position)] = answers.get(position);
    }
  }

  private BatchResult single(BatchCall call) {
    try {
      return BatchCall.runSingly(call, connector);
    } catch (RuntimeException e) {
      return BatchResult.failed(unexpected(e));
    }
  }

  private ConnectorException unexpected(Exception e) {
    return e instanceof ConnectorException known
        ? known
        : new ConnectorException(
            ErrorKind.OTHER,
            "target '"
                + settings.targetName()
                + "': unexpected "
                + e.getClass().getSimpleName()
                + ": "
                + e.getMessage(),
            e);
  }

  /**
   * Runs the units on up to {@code pool.size} threads (this one and helpers), each taking the next
   * unit until none is left; returns when all are done.
   */
  private void runAll(List<Runnable> units) {
    AtomicInteger next = new AtomicInteger();
    Runnable worker =
        () -> {
          for (int index = next.getAndIncrement();
              index < units.size();
              index = next.getAndIncrement()) {
            units.get(index).run();
          }
        };
    ExecutorService pool = helpers;
    int parallel = pool == null ? 1 : Math.min(settings.poolSize(), units.size());
    List<Future<?>> started = new ArrayList<>();
    for (int helper = 1; helper < parallel; helper++) {
      started.add(pool.submit(worker));
    }
    worker.run();
    boolean interrupted = false;
    for (Future<?> future : started) {
      while (true) {
        try {
          future.get();
          break;
        } catch (InterruptedException e) {
          interrupted = true; // the units hold results the caller needs: wait for them
        } catch (ExecutionException e) {
          break; // units catch their failures; a result left unset is reported by the caller
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    ExecutorService pool = helpers;
    if (pool != null) {
      pool.shutdownNow();
    }
  }

  private static ThreadFactory daemonThreads(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + "-batch-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  /** The grants, or the revokes, of one entitlement. */
  private record MembershipKey(String entitlement, boolean granted) {}
}
