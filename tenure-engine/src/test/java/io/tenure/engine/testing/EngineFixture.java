package io.tenure.engine.testing;

import io.tenure.connector.spi.ConnectorConfiguration;
import io.tenure.core.account.TargetId;
import io.tenure.core.source.AttributeAuthority;
import io.tenure.engine.configuration.GuardSettings;
import io.tenure.engine.configuration.LifecycleSettings;
import io.tenure.engine.configuration.RoleDefinition;
import io.tenure.engine.configuration.RuleDefinition;
import io.tenure.engine.configuration.ScimSettings;
import io.tenure.engine.configuration.SourceDefinition;
import io.tenure.engine.configuration.StoreSettings;
import io.tenure.engine.configuration.TargetDefinition;
import io.tenure.engine.configuration.TenureConfiguration;
import io.tenure.engine.connector.ConnectorRegistry;
import io.tenure.engine.execution.ExecutionService;
import io.tenure.engine.execution.OperationRunner;
import io.tenure.engine.execution.QueueSettings;
import io.tenure.engine.ingest.IdentityImporter;
import io.tenure.engine.planning.ConfiguredPolicy;
import io.tenure.engine.planning.DesiredStateService;
import io.tenure.engine.planning.PlanningService;
import io.tenure.engine.planning.RoleAssignments;
import io.tenure.engine.planning.TargetNames;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The engine wired over in-memory stores and one {@code fake} target named {@code directory},
 * connected to the {@link io.tenure.connector.testkit.FakeTarget} registered as {@code instance}.
 * Roles: {@code staff} (entitlement {@code staff}) for everybody with an employee id, {@code
 * engineering} (entitlement {@code engineering}, includes staff) for the Engineering department.
 * {@link #withMailbox} adds a second fake target, {@code mailbox}, on which everybody gets an
 * account and no entitlement.
 */
public final class EngineFixture {

  public static final TargetId DIRECTORY = new TargetId("directory");
  public static final TargetId MAILBOX = new TargetId("mailbox");

  public final InMemoryIdentityRepository identities = new InMemoryIdentityRepository();
  public final InMemoryAccountRepository accounts = new InMemoryAccountRepository();
  public final InMemoryPlanRepository plans = new InMemoryPlanRepository();
  public final InMemoryAuditLog audit = new InMemoryAuditLog();
  public final CountingTransactions transactions = new CountingTransactions();
  public final SequentialIds ids = new SequentialIds();
  public final MutableClock clock = MutableClock.on(LocalDate.of(2026, 3, 2));

  /** The owners of the accounts whose delete succeeded, in order ({@code DeletionListener}). */
  public final List<io.tenure.core.identity.IdentityId> deletedOwners =
      new java.util.concurrent.CopyOnWriteArrayList<>();

  public final TenureConfiguration configuration;
  public final IdentityImporter importer;
  public final PlanningService planning;
  public final OperationRunner runner;
  public final ExecutionService execution;

  public EngineFixture(Path hrFile, String instance) {
    this(hrFile, instance, null);
  }

  /**
   * @param connectors opens the connectors for an execution; null for those found by ServiceLoader
   */
  public EngineFixture(
      Path hrFile, String instance, @Nullable Supplier<ConnectorRegistry> connectors) {
    this(hrFile, instance, connectors, null);
  }

  /**
   * The engine with a second target {@code mailbox} connected to the fake target registered as
   * {@code mailboxInstance}.
   */
  public static EngineFixture withMailbox(Path hrFile, String instance, String mailboxInstance) {
    return new EngineFixture(hrFile, instance, null, mailboxInstance);
  }

  private EngineFixture(
      Path hrFile,
      String instance,
      @Nullable Supplier<ConnectorRegistry> connectors,
      @Nullable String mailboxInstance) {
    SourceDefinition source = Sources.hr(hrFile);
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("cn", "givenName + ' ' + familyName");
    attributes.put("mail", "email");
    TargetDefinition directory =
        new TargetDefinition(
            DIRECTORY,
            "fake",
            new ConnectorConfiguration("directory", Map.of("instance", instance), Set.of()),
            "initial(givenName) + familyName",
            20,
            attributes,
            Duration.ofDays(30),
            GuardSettings.defaults());
    List<TargetDefinition> targets = new ArrayList<>(List.of(directory));
    if (mailboxInstance != null) {
      targets.add(
          new TargetDefinition(
              MAILBOX,
              "fake",
              new ConnectorConfiguration("mailbox", Map.of("instance", mailboxInstance), Set.of()),
              "initial(givenName) + familyName",
              20,
              Map.of("mail", "email"),
              Duration.ofDays(30),
              GuardSettings.defaults()));
    }
    configuration =
        new TenureConfiguration(
            StoreSettings.embedded(),
            LifecycleSettings.defaults(),
            QueueSettings.defaults(),
            List.of(source),
            targets,
            List.of(
                new RoleDefinition(
                    "staff", "everybody", List.of(), Map.of("directory", List.of("staff"))),
                new RoleDefinition(
                    "engineering",
                    "engineers",
                    List.of("staff"),
                    Map.of("directory", List.of("engineering")))),
            List.of(
                new RuleDefinition("everybody", "employeeId != ''", List.of("staff")),
                new RuleDefinition(
                    "engineering-birthright",
                    "department == 'Engineering'",
                    List.of("engineering"))),
            ScimSettings.defaults());
    importer =
        new IdentityImporter(
            identities,
            audit,
            transactions,
            ids,
            clock,
            configuration.lifecycle(),
            AttributeAuthority.inOrder(List.of()));
    ConfiguredPolicy policy = ConfiguredPolicy.of(configuration);
    DesiredStateService desired =
        new DesiredStateService(
            policy,
            identities,
            accounts,
            clock,
            RoleAssignments.NONE,
            TargetNames.of(ConnectorRegistry.load(configuration.targets())));
    planning = new PlanningService(desired, identities, accounts, transactions, clock);
    runner =
        new OperationRunner(
            plans,
            accounts,
            audit,
            transactions,
            clock,
            policy.ownership(),
            (owner, actor) -> deletedOwners.add(owner));
    execution =
        new ExecutionService(
            plans,
            runner,
            transactions,
            ids,
            clock,
            connectors != null
                ? connectors
                : ExecutionService.serviceLoaded(configuration.targets()));
  }

  public SourceDefinition source() {
    return configuration.sources().get(0);
  }
}
