package io.tenure.engine.reconciliation;

import io.tenure.connector.spi.ConnectorFactory;
import io.tenure.core.account.TargetId;
import io.tenure.engine.connector.ConnectorRegistry;
import io.tenure.engine.execution.ExecutionService;
import io.tenure.engine.planning.ConfiguredPolicy;
import io.tenure.engine.planning.DesiredStateService;
import io.tenure.engine.testing.EngineFixture;
import io.tenure.engine.testing.InMemoryFindingRepository;
import io.tenure.engine.testing.InMemoryReconciliationStore;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** A {@link Reconciler} over an {@link EngineFixture}'s in-memory stores and fake target. */
final class ReconciliationFixture {

  final EngineFixture engine;
  final InMemoryFindingRepository findings = new InMemoryFindingRepository();
  final Map<TargetId, ReconciliationSettings> settings = new HashMap<>();

  ReconciliationFixture(EngineFixture engine) {
    this.engine = engine;
  }

  Reconciler reconciler() {
    return reconciler(
        findings, ExecutionService.serviceLoaded(engine.configuration.targets()), 100);
  }

  /** A reconciler reading through other connectors (for example a generated target). */
  Reconciler reconciler(List<ConnectorFactory> factories, FindingRepository repository, int chunk) {
    return reconciler(
        repository, () -> ConnectorRegistry.of(factories, engine.configuration.targets()), chunk);
  }

  private Reconciler reconciler(
      FindingRepository repository, Supplier<ConnectorRegistry> connectors, int chunk) {
    DesiredStateService desired =
        new DesiredStateService(
            ConfiguredPolicy.of(engine.configuration),
            engine.identities,
            engine.accounts,
            engine.clock);
    return new Reconciler(
        connectors,
        new InMemoryReconciliationStore(engine.identities, engine.accounts),
        repository,
        engine.identities,
        engine.accounts,
        desired,
        engine.execution,
        engine.plans,
        engine.transactions,
        engine.clock,
        target -> settings.getOrDefault(target, ReconciliationSettings.defaults()),
        chunk);
  }

  ReconciliationReport reconcile(ReconcileMode mode) {
    return reconciler().reconcile(EngineFixture.DIRECTORY, mode, "cli:test");
  }

  Finding finding(String username) {
    return findings.all().stream()
        .filter(finding -> finding.username().equals(username))
        .findFirst()
        .orElseThrow(
            () -> new AssertionError("no finding for " + username + ": " + findings.all()));
  }
}
