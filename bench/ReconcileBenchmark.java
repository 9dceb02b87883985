import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchScope;
import com.zaxxer.hikari.HikariDataSource;
import io.tenure.connector.spi.ConnectorConfiguration;
import io.tenure.core.account.TargetId;
import io.tenure.engine.configuration.GuardSettings;
import io.tenure.engine.configuration.LifecycleColumns;
import io.tenure.engine.configuration.LifecycleSettings;
import io.tenure.engine.configuration.ScimSettings;
import io.tenure.engine.configuration.SourceDefinition;
import io.tenure.engine.configuration.StoreSettings;
import io.tenure.engine.configuration.TargetDefinition;
import io.tenure.engine.configuration.TenureConfiguration;
import io.tenure.engine.execution.ExecutionService;
import io.tenure.engine.execution.OperationRunner;
import io.tenure.engine.execution.QueueSettings;
import io.tenure.engine.planning.ConfiguredPolicy;
import io.tenure.engine.planning.DesiredStateService;
import io.tenure.engine.reconciliation.ReconcileMode;
import io.tenure.engine.reconciliation.Reconciler;
import io.tenure.engine.reconciliation.ReconciliationReport;
import io.tenure.engine.reconciliation.ReconciliationSettings;
import io.tenure.engine.reconciliation.Situation;
import io.tenure.store.reconciliation.JdbcFindingRepository;
import io.tenure.store.reconciliation.JdbcReconciliationStore;
import io.tenure.store.JdbcStore;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Loads N people into a fresh PostgreSQL database and N entries into an OpenLDAP directory, then
 * reconciles the directory (report mode) and prints accounts/s and peak heap. See README.md.
 *
 * <p>Arguments: N [ldapPort] [postgresUrl]. Entries already in the directory are kept (the load is
 * skipped when ou=people already holds N entries).
 */
public class ReconcileBenchmark {

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int ldapPort = args.length > 1 ? Integer.parseInt(args[1]) : 3390;
    String postgres = args.length > 2 ? args[2] : "jdbc:postgresql://127.0.0.1:5432/";
    String database = "tenure_bench";

    try (Connection connection =
            java.sql.DriverManager.getConnection(postgres + "postgres", "postgres", "");
        Statement statement = connection.createStatement()) {
      statement.execute("drop database if exists " + database + " with (force)");
      statement.execute("create database " + database);
    }
    HikariDataSource dataSource = new HikariDataSource();
    dataSource.setJdbcUrl(postgres + database);
    dataSource.setUsername("postgres");
    dataSource.setMaximumPoolSize(4);
    JdbcStore.migrate(dataSource);
    long loadStart = System.nanoTime();
    JdbcClient sql = JdbcClient.create(dataSource);
    sql.sql(
            "insert into identities (id, state, attributes, employment_status, start_date, updated_at)"
                + " select 'id' || lpad(g::text, 8, '0'), 'ACTIVE',"
                + " jsonb_build_object('employeeId', 'E' || g, 'givenName', 'Given' || g,"
                + " 'familyName', 'Family' || g), 'ACTIVE', date '2024-01-01', now()"
                + " from generate_series(1, ?) g")
        .param(n)
        .update();
    sql.sql(
            "insert into identity_usernames (identity_id, target, username)"
                + " select 'id' || lpad(g::text, 8, '0'), 'directory', 'u' || lpad(g::text, 8, '0')"
                + " from generate_series(1, ?) g")
        .param(n)
        .update();
    sql.sql(
            "insert into known_accounts (target, username, native_id, owner, attributes, enabled,"
                + " entitlements, updated_at)"
                + " select 'directory', 'u' || lpad(g::text, 8, '0'),"
                + " 'uid=u' || lpad(g::text, 8, '0') || ',ou=people,dc=example,dc=com',"
                + " 'id' || lpad(g::text, 8, '0'),"
                + " jsonb_build_object('cn', 'Given' || g || ' Family' || g, 'employeeNumber', 'E' || g),"
                + " true, '[]'::jsonb, now() from generate_series(1, ?) g")
        .param(n)
        .update();
    sql.sql("analyze").update();
    System.out.printf("store: %d identities loaded in %.1f s%n", n, seconds(loadStart));

    loadDirectory(n, ldapPort);

    Map<String, String> connectorSettings = new LinkedHashMap<>();
    connectorSettings.put("url", "ldap://127.0.0.1:" + ldapPort);
    connectorSettings.put("bindDn", "cn=admin,dc=example,dc=com");
    connectorSettings.put("password", "secret");
    connectorSettings.put("accounts.base", "ou=people,dc=example,dc=com");
    connectorSettings.put("groups.base", "ou=groups,dc=example,dc=com");
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("cn", "givenName + ' ' + familyName");
    attributes.put("employeeNumber", "employeeId");
    TargetId directory = new TargetId("directory");
    TargetDefinition target =
        new TargetDefinition(
            directory,
            "ldap",
            new ConnectorConfiguration("directory", connectorSettings, Set.of("password")),
            "initial(givenName) + familyName",
            20,
            attributes,
            Duration.ofDays(30),
            GuardSettings.defaults());
    Map<String, String> sourceAttributes = new LinkedHashMap<>();
    sourceAttributes.put("employeeId", "employee_id");
    sourceAttributes.put("givenName", "first_name");
    sourceAttributes.put("familyName", "last_name");
    SourceDefinition source =
        new SourceDefinition(
            "hr",
            "csv",
            Path.of("unused.csv"),
            "employeeId",
            List.of(),
            sourceAttributes,
            Set.of(),
            new LifecycleColumns(
                "status", LifecycleColumns.defaultStatusValues(), "start_date", "end_date", "yyyy-MM-dd"));
    TenureConfiguration configuration =
        new TenureConfiguration(
            StoreSettings.embedded(),
            LifecycleSettings.defaults(),
            QueueSettings.defaults(),
            List.of(source),
            List.of(target),
            List.of(),
            List.of(),
            ScimSettings.defaults());

    Clock clock = Clock.systemUTC();
    JdbcStore store = JdbcStore.create(dataSource, clock);
    JdbcTemplate template = new JdbcTemplate(dataSource);
    template.setFetchSize(500);
    DesiredStateService desired =
        new DesiredStateService(
            ConfiguredPolicy.of(configuration), store.identities(), store.accounts(), clock);
    OperationRunner runner =
        new OperationRunner(
            store.plans(), store.accounts(), store.auditLog(), store.transactions(), clock);
    ExecutionService execution =
        new ExecutionService(
            store.plans(),
            runner,
            store.transactions(),
            store.ids(),
            clock,
            ExecutionService.serviceLoaded(configuration.targets()));
    Reconciler reconciler =
        new Reconciler(
            ExecutionService.serviceLoaded(configuration.targets()),
            new JdbcReconciliationStore(JdbcClient.create(template)),
            new JdbcFindingRepository(template),
            store.identities(),
            store.accounts(),
            desired,
            execution,
            store.plans(),
            store.transactions(),
            clock,
            id -> ReconciliationSettings.defaults(),
            Reconciler.DEFAULT_CHUNK_SIZE);

    System.gc();
    List<MemoryPoolMXBean> heap = new ArrayList<>();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        pool.resetPeakUsage();
        heap.add(pool);
      }
    }
    long start = System.nanoTime();
    ReconciliationReport report = reconciler.reconcile(directory, ReconcileMode.REPORT, "bench");
    double elapsed = seconds(start);
    long peak = heap.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
    System.out.printf(
        "reconcile: %d accounts, %d identities checked in %.1f s = %.0f accounts/s;"
            + " compliant %d, drifted %d, missing %d, orphan %d, ambiguous %d, unlinked %d%n",
        report.accountsRead(),
        report.identitiesChecked(),
        elapsed,
        report.accountsRead() / elapsed,
        report.count(Situation.COMPLIANT),
        report.count(Situation.DRIFTED),
        report.count(Situation.MISSING),
        report.count(Situation.ORPHAN),
        report.count(Situation.AMBIGUOUS),
        report.count(Situation.UNLINKED));
    System.out.printf(
        "heap: peak %.0f MiB (sum of heap pools' peaks, -Xmx %d MiB); largest chunk %d;"
            + " seen names %d KiB%n",
        peak / 1048576.0,
        Runtime.getRuntime().maxMemory() / 1048576,
        report.largestChunk(),
        report.seenNamesBytes() / 1024);
    dataSource.close();
  }

  /** Adds uid=u00000001.. entries with 4 connections, unless ou=people already holds n. */
  private static void loadDirectory(int n, int port) throws Exception {
    try (LDAPConnectionPool pool =
        new LDAPConnectionPool(
            new LDAPConnection("127.0.0.1", port, "cn=admin,dc=example,dc=com", "secret"), 4)) {
      int present =
          pool.search("ou=people,dc=example,dc=com", SearchScope.ONE, "(uid=*)", "1.1")
              .getEntryCount();
      if (present == n) {
        System.out.printf("directory: %d entries already there%n", n);
        return;
      }
      long start = System.nanoTime();
      ExecutorService threads = Executors.newFixedThreadPool(4);
      List<Future<?>> parts = new ArrayList<>();
      for (int part = 0; part < 4; part++) {
        int first = part;
        parts.add(
            threads.submit(
                () -> {
                  for (int g = first + 1; g <= n; g += 4) {
                    String uid = String.format("u%08d", g);
                    try {
                      var result =
                          pool.add(
                              "uid=" + uid + ",ou=people,dc=example,dc=com",
                              new Attribute("objectClass", "top", "person", "organizationalPerson", "inetOrgPerson"),
                              new Attribute("uid", uid),
                              new Attribute("cn", "Given" + g + " Family" + g),
                              new Attribute("sn", "Family" + g),
                              new Attribute("employeeNumber", "E" + g));
                      if (result.getResultCode() != ResultCode.SUCCESS) {
                        throw new IllegalStateException(result.toString());
                      }
                    } catch (com.unboundid.ldap.sdk.LDAPException e) {
                      if (e.getResultCode() != ResultCode.ENTRY_ALREADY_EXISTS) {
                        throw new IllegalStateException(e);
                      }
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> part : parts) {
        part.get();
      }
      threads.shutdown();
      System.out.printf("directory: %d entries added in %.1f s%n", n, seconds(start));
    }
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }
}
