package io.tenure.engine.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenure.connector.spi.Connector;
import io.tenure.connector.spi.ConnectorConfiguration;
import io.tenure.connector.spi.ConnectorFactory;
import io.tenure.connector.spi.RemoteAccount;
import io.tenure.connector.spi.SearchCapability;
import io.tenure.core.account.TargetId;
import io.tenure.engine.testing.EngineFixture;
import io.tenure.engine.testing.Sources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 50,000 accounts generated one at a time by the connector, never as a list: the reconciler must
 * pull at most one chunk ahead of what it has classified and stored.
 */
class ReconcilerMemoryBoundTest {

  private static final int ACCOUNTS = 50_000;
  private static final int CHUNK = 500;

  @TempDir Path folder;

  @Test
  void fiftyThousandAccountsAreReconciledOneChunkAtATime() throws IOException {
    Path file = folder.resolve("people.csv");
    Files.writeString(
        file,
        Sources.HEADER + "E1,Alice,Archer,alice@example.com,Engineering,active,2024-01-01,\n");
    EngineFixture engine = new EngineFixture(file, "unused");
    engine.importer.importSource(engine.source());
    ReconciliationFixture fixture = new ReconciliationFixture(engine);
    GeneratedTarget generated = new GeneratedTarget(ACCOUNTS);
    CountingFindings findings = new CountingFindings(generated);

    ReconciliationReport report =
        fixture
            .reconciler(List.of(generated), findings, CHUNK)
            .reconcile(EngineFixture.DIRECTORY, ReconcileMode.REPORT, "cli:test");

    assertThat(report.accountsRead()).isEqualTo(ACCOUNTS);
    assertThat(report.count(Situation.ORPHAN)).isEqualTo(ACCOUNTS);
    assertThat(report.count(Situation.MISSING)).isEqualTo(1);
    assertThat(report.largestChunk()).isEqualTo(CHUNK);
    assertThat(findings.largestBatch).isLessThanOrEqualTo(CHUNK);
    assertThat(findings.saved).isEqualTo(ACCOUNTS + 1);
    assertThat(findings.mostPulledAhead)
        .as(
            "accounts pulled from the connector but not yet classified and stored: the chunk"
                + " being checked, the chunks read ahead and the one being read")
        .isLessThanOrEqualTo((Reconciler.READ_AHEAD + 2L) * CHUNK);
    assertThat(report.seenNamesBytes())
        .as("8 bytes per account name, rounded up to a power of two")
        .isLessThanOrEqualTo(8L * 65_536);
    assertThat(generated.closed).isTrue();
    assertThat(generated.produced.get()).isEqualTo(ACCOUNTS);
  }

  /** A connector of type {@code fake} whose accounts are generated lazily. */
  private static final class GeneratedTarget implements ConnectorFactory {
    final long size;
    final AtomicLong produced = new AtomicLong();
    final AtomicBoolean closed = new AtomicBoolean();

    GeneratedTarget(long size) {
      this.size = size;
    }

    @Override
    public String type() {
      return "fake";
    }

    @Override
    public Connector create(ConnectorConfiguration configuration) {
      return new Generated();
    }

    private final class Generated implements Connector, SearchCapability {
      @Override
      public String type() {
        return "fake";
      }

      @Override
      public void close() {}

      @Override
      public Optional<RemoteAccount> find(String name) {
        return Optional.empty();
      }

      @Override
      public Stream<RemoteAccount> accounts() {
        return LongStream.range(0, size)
            .mapToObj(
                index -> {
                  produced.incrementAndGet();
                  String name = String.format("user%07d", index);
                  return new RemoteAccount(
                      "gen:" + index, name, Map.of("cn", List.of(name)), true, Set.of());
                })
            .onClose(() -> closed.set(true));
      }
    }
  }

  /** Counts findings without keeping them; notes how far the connector ran ahead. */
  private static final class CountingFindings implements FindingRepository {
    final GeneratedTarget generated;
    long saved;
    long largestBatch;
    long mostPulledAhead;

    CountingFindings(GeneratedTarget generated) {
      this.generated = generated;
    }

    @Override
    public void clear(TargetId target) {}

    @Override
    public void forget(TargetId target, Collection<String> usernames) {}

    @Override
    public void saveAll(Collection<Finding> findings) {
      boolean firstPass = findings.stream().allMatch(f -> f.situation() == Situation.ORPHAN);
      if (firstPass) {
        // every account read is an orphan: all accounts pulled before this batch were stored
        mostPulledAhead = Math.max(mostPulledAhead, generated.produced.get() - saved);
      }
      saved += findings.size();
      largestBatch = Math.max(largestBatch, findings.size());
    }

    @Override
    public void updateActions(TargetId target, Map<String, FindingAction> actions) {}

    @Override
    public Stream<Finding> stream(FindingQuery query) {
      return new ArrayList<Finding>().stream();
    }

    @Override
    public long count(FindingQuery query) {
      return 0;
    }
  }
}
