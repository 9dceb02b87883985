import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import io.tenure.core.plan.OperationKind;
import io.tenure.engine.configuration.TenureConfiguration;
import io.tenure.engine.execution.ExecutionSummary;
import io.tenure.server.TenureApplication;
import io.tenure.engine.configuration.TenureHome;
import io.tenure.cli.TenureLaunch;
import io.tenure.configuration.YamlConfigurationLoader;
import io.tenure.engine.provisioning.ImportAndApply;
import io.tenure.engine.provisioning.Provisioning;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Event-driven leaver latency: the demo's 200 people are provisioned into a fresh unit of a real
 * OpenLDAP (embedded PostgreSQL store), then people are terminated one at a time. Each measurement
 * is the time from the call that imports the HR file ({@code tenure import}'s path: import, plan
 * the changed identity, apply through the brake and the durable queue) to its return, after the
 * disable operation succeeded on the target. Baseline, same run: a bare LDAP modify round trip.
 *
 * <p>Usage: java -cp CLASSPATH bench/LeaverLatencyBenchmark.java [N] [LDAP_PORT]
 */
public class LeaverLatencyBenchmark {

  static final String ADMIN = "cn=admin,dc=example,dc=com";
  static final String PASSWORD = "secret";

  public static void main(String[] arguments) throws Exception {
    int wanted = arguments.length > 0 ? Integer.parseInt(arguments[0]) : 200;
    int port = arguments.length > 1 ? Integer.parseInt(arguments[1]) : 3389;
    String url = "ldap://127.0.0.1:" + port;
    String name = "leaver-bench-" + UUID.randomUUID().toString().substring(0, 8);
    String unit = "ou=" + name + ",dc=example,dc=com";
    Path folder = Files.createTempDirectory("tenure-leaver-bench");
    try (LDAPConnection connection = new LDAPConnection("127.0.0.1", port, ADMIN, PASSWORD)) {
      connection.add("dn: " + unit, "objectClass: organizationalUnit", "ou: " + name);
      connection.add("dn: ou=people," + unit, "objectClass: organizationalUnit", "ou: people");
      connection.add("dn: ou=groups," + unit, "objectClass: organizationalUnit", "ou: groups");
    }
    try {
      run(wanted, port, url, unit, folder);
    } finally {
      try (LDAPConnection connection = new LDAPConnection("127.0.0.1", port, ADMIN, PASSWORD)) {
        List<DN> entries = new ArrayList<>();
        for (SearchResultEntry entry :
            connection
                .search(unit, SearchScope.SUB, Filter.createPresenceFilter("objectClass"), "1.1")
                .getSearchEntries()) {
          entries.add(entry.getParsedDN());
        }
        entries.sort(Comparator.comparingInt((DN dn) -> dn.getRDNs().length).reversed());
        for (DN dn : entries) {
          connection.delete(dn.toString());
        }
      }
    }
  }

  static void run(int wanted, int port, String url, String unit, Path folder) throws Exception {
    String initial = resource("demo/hr-1-initial-load.csv");
    Path hr = Files.createDirectories(folder.resolve("hr"));
    Files.writeString(hr.resolve("hr-1-initial-load.csv"), initial);
    Map<String, String> variables =
        Map.of(
            "DEMO_LDAP_URL", url,
            "DEMO_LDAP_PASSWORD", PASSWORD,
            "DEMO_PEOPLE_BASE", "ou=people," + unit,
            "DEMO_GROUPS_BASE", "ou=groups," + unit);
    TenureConfiguration configuration =
        new YamlConfigurationLoader(variables::get, Set.of())
            .parse(resource("demo/tenure.yaml"), "demo/tenure.yaml", hr);
    Clock clock = Clock.systemUTC();
    String yesterday = LocalDate.now(clock.withZone(ZoneOffset.UTC)).minusDays(1).toString();
    try (ConfigurableApplicationContext context =
        TenureApplication.start(
            new TenureLaunch(new TenureHome(folder.resolve("home")), configuration, clock))) {
      Provisioning provisioning = context.getBean(Provisioning.class);
      long loadStart = System.nanoTime();
      ImportAndApply load =
          provisioning.importAndApplyChanged(provisioning.sources(null, null), "bench", "load");
      System.out.printf(
          "initial load: %d operations in %.1f s%n",
          load.imported().outline().size(), (System.nanoTime() - loadStart) / 1e9);

      List<List<String>> rows = new ArrayList<>();
      List<String> header;
      CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();
      try (Reader reader = new StringReader(initial);
          CSVParser parser = CSVParser.parse(reader, format)) {
        header = parser.getHeaderNames();
        for (CSVRecord record : parser) {
          rows.add(new ArrayList<>(record.toList()));
        }
      }
      List<Long> latencies = new ArrayList<>();
      List<Long> executions = new ArrayList<>();
      int attempted = 0;
      for (int index = 0; index < rows.size() && latencies.size() < wanted; index++) {
        rows.get(index).set(9, "terminated");
        rows.get(index).set(11, yesterday);
        Path file = folder.resolve("hr-termination-" + index + ".csv");
        write(file, header, rows);
        attempted++;
        long start = System.nanoTime();
        long wallStart = System.currentTimeMillis();
        ImportAndApply result =
            provisioning.importAndApplyChanged(
                provisioning.sources("hr", file), "bench", "termination " + index);
        long elapsed = System.nanoTime() - start;
        ExecutionSummary summary =
            result.application().flatMap(applied -> applied.execution()).orElse(null);
        if (summary == null) {
          continue; // nobody to disable (no account, or a pre-hire's disabled one)
        }
        var disables = summary.counts().get(OperationKind.DISABLE_ACCOUNT);
        if (disables == null || disables.succeeded() != 1 || !summary.complete()) {
          continue;
        }
        latencies.add(elapsed);
        long stored = result.application().orElseThrow().stored().createdAt().toEpochMilli();
        long end = wallStart + elapsed / 1_000_000;
        executions.add(Math.max(0, end - stored) * 1_000_000);
      }
      System.out.printf(
          "leaver (import -> disabled on every target): %s over %d terminations (%d rows"
              + " changed)%n",
          stats(latencies), latencies.size(), attempted);

      List<Long> baseline = new ArrayList<>();
      try (LDAPConnection connection = new LDAPConnection("127.0.0.1", port, ADMIN, PASSWORD)) {
        String dn = "ou=people," + unit;
        for (int i = 0; i < Math.max(200, latencies.size()); i++) {
          long start = System.nanoTime();
          connection.modify(
              dn, new Modification(ModificationType.REPLACE, "description", "round " + i));
          baseline.add(System.nanoTime() - start);
        }
      }
      System.out.printf(
          "leaver, of which the plan stored -> disabled (queue + connector): %s%n",
          stats(executions));
      System.out.printf("baseline (bare LDAP modify round trip): %s%n", stats(baseline));
      System.out.printf(
          "ratio p50 leaver / p50 baseline = %.1f%n",
          percentile(latencies, 50) / percentile(baseline, 50));
    }
  }

  static String stats(List<Long> nanos) {
    return String.format(
        "p50 %.1f ms, p99 %.1f ms, max %.1f ms",
        percentile(nanos, 50) / 1e6, percentile(nanos, 99) / 1e6, percentile(nanos, 100) / 1e6);
  }

  /** Nearest-rank percentile. */
  static double percentile(List<Long> values, int percent) {
    List<Long> sorted = new ArrayList<>(values);
    sorted.sort(null);
    if (sorted.isEmpty()) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
    return sorted.get(Math.max(0, rank - 1));
  }

  static void write(Path file, List<String> header, List<List<String>> rows) throws Exception {
    try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        CSVPrinter printer =
            CSVFormat.RFC4180.builder().setHeader(header.toArray(String[]::new)).get().print(writer)) {
      for (List<String> row : rows) {
        printer.printRecord(row);
      }
    }
  }

  static String resource(String name) throws Exception {
    try (InputStream in = LeaverLatencyBenchmark.class.getClassLoader().getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
