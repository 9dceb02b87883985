import com.zaxxer.hikari.HikariDataSource;
import io.tenure.connector.spi.Connector;
import io.tenure.connector.spi.ConnectorConfiguration;
import io.tenure.connector.spi.ConnectorFactory;
import io.tenure.connector.spi.CreateCapability;
import io.tenure.connector.spi.NewAccount;
import io.tenure.connector.spi.RemoteAccount;
import io.tenure.core.account.TargetId;
import io.tenure.core.identity.IdentityId;
import io.tenure.core.plan.CreateAccount;
import io.tenure.core.plan.Operation;
import io.tenure.core.plan.Plan;
import io.tenure.core.plan.Reason;
import io.tenure.engine.audit.AuditEvent;
import io.tenure.engine.configuration.GuardSettings;
import io.tenure.engine.configuration.TargetDefinition;
import io.tenure.engine.configuration.TargetThrottle;
import io.tenure.engine.connector.ConnectorRegistry;
import io.tenure.engine.execution.AttemptListener;
import io.tenure.engine.execution.OperationRunner;
import io.tenure.engine.execution.OperationWorkers;
import io.tenure.engine.execution.PlanId;
import io.tenure.engine.execution.QueueSettings;
import io.tenure.store.JdbcStore;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Durable queue throughput on a real PostgreSQL: N create operations on a target whose connector
 * answers at once, run by one process's workers (8 threads, concurrency 8), so that the time is
 * the queue's and the store's (claims, attempts, audit events); then audit appends alone from 8
 * threads. Prints operations/s and appends/s, and checks the audit chain. See README.md.
 *
 * <p>Arguments: N [postgresUrl]. The database tenure_bench_queue is dropped and recreated.
 */
public class QueueThroughputBenchmark {

  private static final TargetId TARGET = new TargetId("bench");

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    String postgres = args.length > 1 ? args[1] : "jdbc:postgresql://127.0.0.1:5432/";
    String database = "tenure_bench_queue";
    try (Connection connection = DriverManager.getConnection(postgres + "postgres", "postgres", "");
        Statement statement = connection.createStatement()) {
      statement.execute("drop database if exists " + database + " with (force)");
      statement.execute("create database " + database);
    }
    try (HikariDataSource pool = new HikariDataSource()) {
      pool.setJdbcUrl(postgres + database);
      pool.setUsername("postgres");
      pool.setMaximumPoolSize(16);
      JdbcStore.migrate(pool);
      Clock clock = Clock.systemUTC();
      JdbcStore store = JdbcStore.create(pool, clock);

      List<Operation> operations = new ArrayList<>();
      for (int index = 0; index < n; index++) {
        String name = String.format("u%07d", index);
        operations.add(
            new CreateAccount(
                TARGET, name, new IdentityId("id-" + name), Map.of("cn", name), true,
                Reason.of("bench")));
      }
      PlanId plan = new PlanId("bench-" + Instant.now().toEpochMilli());
      store
          .transactions()
          .run(() -> store.plans().create(plan, new Plan(operations), "bench", "bench", clock.instant()));

      OperationRunner runner =
          new OperationRunner(
              store.plans(), store.accounts(), store.auditLog(), store.transactions(), clock);
      OperationWorkers workers =
          new OperationWorkers(
              store.queue(), runner, QueueSettings.defaults().withWorkers(8),
              Map.of(TARGET, new TargetThrottle(8, 0)), clock, new Random(1), "bench-worker",
              "queue:bench", AttemptListener.none());
      long started = System.nanoTime();
      try (ConnectorRegistry registry = registry()) {
        workers.runUntil(registry, () -> store.queue().unsettled(plan) == 0);
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      System.out.printf(
          "queue: %d operations in %.1f s = %.0f operations/s%n", n, seconds, n / seconds);

      int appends = n;
      ExecutorService threads = Executors.newFixedThreadPool(8);
      started = System.nanoTime();
      List<Future<?>> futures = new ArrayList<>();
      for (int thread = 0; thread < 8; thread++) {
        int first = thread;
        futures.add(
            threads.submit(
                () -> {
                  for (int index = first; index < appends; index += 8) {
                    store
                        .auditLog()
                        .append(
                            new AuditEvent(
                                clock.instant(), "bench", "bench.append", "bench/" + index,
                                "bench", "success", Map.of("index", Integer.toString(index))));
                  }
                }));
      }
      for (Future<?> future : futures) {
        future.get();
      }
      threads.shutdown();
      seconds = (System.nanoTime() - started) / 1e9;
      System.out.printf(
          "audit: %d appends from 8 threads in %.1f s = %.0f appends/s%n",
          appends, seconds, appends / seconds);
      long broken = store.auditLog().verify().firstBroken();
      System.out.println(
          broken == -1 ? "audit chain: intact" : "audit chain: BROKEN at " + broken);
      if (broken != -1) {
        System.exit(1);
      }
    }
  }

  private static ConnectorRegistry registry() {
    ConnectorFactory factory =
        new ConnectorFactory() {
          @Override
          public String type() {
            return "instant";
          }

          @Override
          public Connector create(ConnectorConfiguration configuration) {
            return new InstantConnector();
          }
        };
    TargetDefinition target =
        new TargetDefinition(
            TARGET, "instant", new ConnectorConfiguration("bench", Map.of(), Set.of()),
            "username", 64, Map.of(), Duration.ofDays(30), GuardSettings.defaults());
    return ConnectorRegistry.of(List.of(factory), List.of(target));
  }

  /** Creates every account at once, without keeping anything. */
  static final class InstantConnector implements Connector, CreateCapability {
    @Override
    public String type() {
      return "instant";
    }

    @Override
    public RemoteAccount create(NewAccount account) {
      return new RemoteAccount(
          "id-" + account.name(), account.name(), account.attributes(), account.enabled(),
          Set.of());
    }

    @Override
    public void close() {}
  }
}
