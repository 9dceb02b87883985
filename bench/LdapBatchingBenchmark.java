import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPURL;
import com.unboundid.ldap.sdk.SearchScope;
import io.tenure.connector.ldap.LdapConnector;
import io.tenure.connector.ldap.LdapConnectorFactory;
import io.tenure.connector.spi.AccountReference;
import io.tenure.connector.spi.BatchCall;
import io.tenure.connector.spi.BatchCapability;
import io.tenure.connector.spi.BatchResult;
import io.tenure.connector.spi.ConnectorConfiguration;
import io.tenure.connector.spi.NewAccount;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Issue 18, the LDAP part: N people, each one account and two groups (staff and one of ten
 * departments), that is 3N operations (N creates, 2N membership adds), sent to one OpenLDAP by
 *
 * <ol>
 *   <li>the connector's single calls on 1 thread, then on 4 threads (the engine's default
 *       concurrency and pool size): today's path, one modify per membership;
 *   <li>the connector's batches ({@code BatchCapability.execute}) of B operations, B = 256 (the
 *       largest {@code targets.X.concurrency}, so the largest batch the queue hands out today) and
 *       B = 1000, in the order the queue claims them (at most one operation per account in a batch:
 *       the creates of B people, then their staff adds, then their department adds);
 *   <li>{@code ldapmodify} on one connection: the same 3N operations as LDIF (an add and two
 *       single-member modifies per person);
 *   <li>{@code ldapadd} on one connection of the equivalent LDIF (N entries, then the groups with
 *       all their members): the target.
 * </ol>
 *
 * Every run writes its own people and groups (names prefixed by the run), and is checked after it:
 * N entries, and the members of every group. Prints a table and the ratios.
 *
 * <p>Usage: {@code java -cp ... bench/LdapBatchingBenchmark.java URL N WORKDIR}
 */
public final class LdapBatchingBenchmark {

  private static final String ADMIN = "cn=admin,dc=example,dc=com";
  private static final String PASSWORD = "secret";
  private static final String PEOPLE = "ou=people,dc=example,dc=com";
  private static final String GROUPS = "ou=groups,dc=example,dc=com";
  private static final int DEPARTMENTS = 10;

  private final String url;
  private final int people;
  private final Path work;
  private final List<String[]> rows = new ArrayList<>();

  private LdapBatchingBenchmark(String url, int people, Path work) {
    this.url = url;
    this.people = people;
    this.work = work;
  }

  public static void main(String[] arguments) throws Exception {
    new LdapBatchingBenchmark(arguments[0], Integer.parseInt(arguments[1]), Path.of(arguments[2]))
        .run();
  }

  private void run() throws Exception {
    System.out.printf(
        "LDAP batching: %,d people, %,d operations, %s; load average at start: %s%n",
        people, 3 * people, url, loadAverage());
    ldapmodify("lm");
    single("s1", 1);
    single("s4", 4);
    batched("b256", 256);
    batched("b1000", 1000);
    ldapadd("la");
    System.out.printf("load average at end: %s%n%n", loadAverage());
    System.out.println("| path | wall | operations/s | LDAP write requests |");
    System.out.println("|---|---|---|---|");
    for (String[] row : rows) {
      System.out.printf("| %s | %s s | %s | %s |%n", (Object[]) row);
    }
  }

  private String name(String run, int person) {
    return String.format("%s%07d", run, person);
  }

  private String staff(String run) {
    return run + "-staff";
  }

  private String department(String run, int person) {
    return run + "-dept" + (person % DEPARTMENTS);
  }

  private LdapConnector connector(int poolSize, int batchSize) {
    return new LdapConnectorFactory()
        .create(
            new ConnectorConfiguration(
                "bench",
                Map.of(
                    "url", url,
                    "bindDn", ADMIN,
                    "password", PASSWORD,
                    "accounts.base", PEOPLE,
                    "groups.base", GROUPS,
                    "pool.size", Integer.toString(poolSize),
                    "batch.size", Integer.toString(batchSize)),
                Set.of("password")));
  }

  private NewAccount account(String run, int person) {
    String name = name(run, person);
    return NewAccount.of(
        name,
        Map.of(
            "cn", "Person " + name,
            "sn", "Person",
            "givenName", "Bench",
            "mail", name + "@example.com",
            "employeeNumber", Integer.toString(person)),
        true);
  }

  /** The three operations of each person, one after the other, on {@code threads} threads. */
  private void single(String run, int threads) throws Exception {
    AtomicInteger next = new AtomicInteger();
    long started = System.nanoTime();
    try (LdapConnector connector = connector(threads, 1)) {
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      List<Future<?>> futures = new ArrayList<>();
      for (int thread = 0; thread < threads; thread++) {
        futures.add(
            pool.submit(
                () -> {
                  for (int person = next.getAndIncrement();
                      person < people;
                      person = next.getAndIncrement()) {
                    AccountReference reference = AccountReference.named(name(run, person));
                    connector.create(account(run, person));
                    connector.grant(reference, staff(run));
                    connector.grant(reference, department(run, person));
                  }
                  return null;
                }));
      }
      for (Future<?> future : futures) {
        future.get();
      }
      pool.shutdown();
    }
    record("connector, single calls, " + threads + " thread(s)", run, started, 3 * people);
  }

  /** Batches of at most {@code size} operations, at most one per account, in claim order. */
  private void batched(String run, int size) throws Exception {
    long started = System.nanoTime();
    long modifies = 0;
    long creating = 0;
    try (LdapConnector connector = connector(4, size)) {
      BatchCapability batcher = connector;
      for (int first = 0; first < people; first += size) {
        int last = Math.min(people, first + size);
        List<BatchCall> creates = new ArrayList<>();
        List<BatchCall> staffAdds = new ArrayList<>();
        List<BatchCall> departmentAdds = new ArrayList<>();
        Set<String> departments = new HashSet<>();
        for (int person = first; person < last; person++) {
          AccountReference reference = AccountReference.named(name(run, person));
          creates.add(new BatchCall.Create(account(run, person)));
          staffAdds.add(new BatchCall.SetEntitlement(reference, staff(run), true));
          departmentAdds.add(
              new BatchCall.SetEntitlement(reference, department(run, person), true));
          departments.add(department(run, person));
        }
        long before = System.nanoTime();
        for (List<BatchCall> batch : List.of(creates, staffAdds, departmentAdds)) {
          for (BatchResult result : batcher.execute(batch)) {
            if (result.failed()) {
              throw new IllegalStateException("a batched call failed", result.error());
            }
          }
          if (batch == creates) {
            creating += System.nanoTime() - before;
          }
        }
        modifies += 1 + departments.size();
      }
    }
    System.out.printf(
        "  batches of %d: creates took %.1f s, membership adds %.1f s%n",
        size, creating / 1e9, (System.nanoTime() - started - creating) / 1e9);
    record(
        "connector, batches of " + size + ", 4 connections",
        run,
        started,
        String.format("%,d (%,d adds, %,d modifies)", people + modifies, people, modifies));
  }

  /** The same 3N operations as LDIF, through ldapmodify on one connection. */
  private void ldapmodify(String run) throws Exception {
    Path file = work.resolve(run + ".ldif");
    Set<String> made = new HashSet<>();
    try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(file))) {
      for (int person = 0; person < people; person++) {
        String name = name(run, person);
        String dn = "uid=" + name + "," + PEOPLE;
        out.printf(
            "dn: %s%nchangetype: add%nobjectClass: top%nobjectClass: person%n"
                + "objectClass: organizationalPerson%nobjectClass: inetOrgPerson%nuid: %s%n"
                + "cn: Person %s%nsn: Person%ngivenName: Bench%nmail: %s@example.com%n"
                + "employeeNumber: %d%n%n",
            dn, name, name, name, person);
        for (String group : List.of(staff(run), department(run, person))) {
          String groupDn = "cn=" + group + "," + GROUPS;
          if (made.add(group)) {
            out.printf(
                "dn: %s%nchangetype: add%nobjectClass: top%nobjectClass: groupOfNames%n"
                    + "cn: %s%nmember: %s%n%n",
                groupDn, group, dn);
          } else {
            out.printf("dn: %s%nchangetype: modify%nadd: member%nmember: %s%n-%n%n", groupDn, dn);
          }
        }
      }
    }
    long started = System.nanoTime();
    exec("ldapmodify", "-x", "-H", url, "-D", ADMIN, "-w", PASSWORD, "-f", file.toString());
    record("ldapmodify, one connection, single-member modifies", run, started, 3 * people);
  }

  /** The equivalent LDIF (entries, then groups with every member), through ldapadd. */
  private void ldapadd(String run) throws Exception {
    Path file = work.resolve(run + ".ldif");
    Map<String, List<String>> members = new java.util.LinkedHashMap<>();
    try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(file))) {
      for (int person = 0; person < people; person++) {
        String name = name(run, person);
        String dn = "uid=" + name + "," + PEOPLE;
        out.printf(
            "dn: %s%nobjectClass: top%nobjectClass: person%nobjectClass: organizationalPerson%n"
                + "objectClass: inetOrgPerson%nuid: %s%ncn: Person %s%nsn: Person%n"
                + "givenName: Bench%nmail: %s@example.com%nemployeeNumber: %d%n%n",
            dn, name, name, name, person);
        members.computeIfAbsent(staff(run), group -> new ArrayList<>()).add(dn);
        members.computeIfAbsent(department(run, person), group -> new ArrayList<>()).add(dn);
      }
      members.forEach(
          (group, dns) -> {
            out.printf(
                "dn: cn=%s,%s%nobjectClass: top%nobjectClass: groupOfNames%ncn: %s%n",
                group, GROUPS, group);
            dns.forEach(dn -> out.printf("member: %s%n", dn));
            out.println();
          });
    }
    long started = System.nanoTime();
    exec("ldapadd", "-x", "-H", url, "-D", ADMIN, "-w", PASSWORD, "-f", file.toString());
    record(
        "ldapadd, one connection, whole groups (the issue's baseline)",
        run,
        started,
        String.format("%,d adds", people + members.size()));
  }

  private void record(String path, String run, long started, Object writes) throws Exception {
    double seconds = (System.nanoTime() - started) / 1e9;
    verify(run);
    rows.add(
        new String[] {
          path,
          String.format("%.1f", seconds),
          String.format("%,.0f", 3 * people / seconds),
          writes instanceof Integer count ? String.format("%,d", count) : writes.toString()
        });
    System.out.printf("%-60s %7.1f s %8.0f operations/s (load %s)%n", path, seconds, 3 * people / seconds, loadAverage());
  }

  /** N entries of the run, the staff group with N members, the departments with N in all. */
  private void verify(String run) throws Exception {
    LDAPURL parsed = new LDAPURL(url);
    try (LDAPConnection connection =
        new LDAPConnection(parsed.getHost(), parsed.getPort(), ADMIN, PASSWORD)) {
      int entries =
          connection
              .search(PEOPLE, SearchScope.ONE, "(uid=" + run + "*)", "1.1")
              .getEntryCount();
      int staffMembers = memberCount(connection, staff(run));
      int departmentMembers = 0;
      for (int department = 0; department < DEPARTMENTS; department++) {
        departmentMembers += memberCount(connection, run + "-dept" + department);
      }
      if (entries != people || staffMembers != people || departmentMembers != people) {
        throw new IllegalStateException(
            run
                + ": "
                + entries
                + " entries, "
                + staffMembers
                + " staff members, "
                + departmentMembers
                + " department members; expected "
                + people
                + " each");
      }
    }
  }

  private static int memberCount(LDAPConnection connection, String group) throws Exception {
    Entry entry = connection.getEntry("cn=" + group + "," + GROUPS, "member");
    return entry == null || !entry.hasAttribute("member")
        ? 0
        : entry.getAttributeValues("member").length;
  }

  private static void exec(String... command) throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(command)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    if (process.waitFor() != 0) {
      throw new IllegalStateException(command[0] + " failed with exit code " + process.exitValue());
    }
  }

  private static String loadAverage() throws IOException {
    return Files.readString(Path.of("/proc/loadavg")).trim();
  }
}
