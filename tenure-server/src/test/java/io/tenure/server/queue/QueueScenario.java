package io.tenure.server.queue;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A generated HR file, a configuration over the machine's PostgreSQL (a fresh database) and an
 * OpenLDAP unit of its own, Tenure processes started from the test class path, and the checks of
 * the directory against the desired state.
 */
final class QueueScenario implements AutoCloseable {

  static final String POSTGRES_URL =
      System.getProperty("tenure.it.postgres.url", "jdbc:postgresql://127.0.0.1:5432/postgres");
  static final String POSTGRES_USER = System.getProperty("tenure.it.postgres.username", "postgres");
  static final String ADMIN = "cn=admin,dc=example,dc=com";
  static final String PASSWORD = "secret";

  /** Department to its groups (besides staff, which everybody gets). */
  static final Map<String, List<String>> DEPARTMENTS =
      Map.of(
          "Engineering", List.of("engineering", "vpn"),
          "Sales", List.of("sales", "crm-users"),
          "Finance", List.of("finance", "erp-users"),
          "Support", List.of("support", "vpn"));

  final Path folder;
  final String database = "tenure_queue_" + UUID.randomUUID().toString().replace("-", "");
  final String unit;
  final String ldapUrl;
  final int people;

  /** employeeId to department. */
  final Map<String, String> departments = new TreeMap<>();

  QueueScenario(String ldapUrl, int people, int concurrency, long seed) throws Exception {
    this.ldapUrl = ldapUrl;
    this.people = people;
    this.unit = "ou=queue-" + UUID.randomUUID().toString().substring(0, 8) + ",dc=example,dc=com";
    folder = Files.createTempDirectory("tenure-queue");
    try (Connection connection = postgres("postgres");
        Statement statement = connection.createStatement()) {
      statement.execute("create database " + database);
    }
    try (LDAPConnection connection = ldap()) {
      connection.add("dn: " + unit, "objectClass: organizationalUnit", "ou: " + unitName());
      connection.add("dn: ou=people," + unit, "objectClass: organizationalUnit", "ou: people");
      connection.add("dn: ou=groups," + unit, "objectClass: organizationalUnit", "ou: groups");
    }
    Random random = new Random(seed);
    List<String> names = new ArrayList<>(new TreeSet<>(DEPARTMENTS.keySet()));
    StringBuilder csv =
        new StringBuilder(
            "employee_id,first_name,last_name,email,department,status,hire_date,termination_date\n");
    for (int index = 1; index <= people; index++) {
      String id = String.format("Q%05d", index);
      String department = names.get(random.nextInt(names.size()));
      departments.put(id, department);
      csv.append(id)
          .append(",Person,Number")
          .append(index)
          .append(",q")
          .append(index)
          .append("@example.com,")
          .append(department)
          .append(",active,2024-01-01,\n");
    }
    Files.writeString(folder.resolve("people.csv"), csv);
    StringBuilder roles =
        new StringBuilder("roles:\n  staff: { entitlements: { directory: [staff] } }\n");
    StringBuilder rules =
        new StringBuilder("rules:\n  - { name: everyone, when: \"true\", grant: [staff] }\n");
    for (String department : names) {
      String role = department.toLowerCase(java.util.Locale.ROOT);
      roles
          .append("  ")
          .append(role)
          .append(": { entitlements: { directory: [")
          .append(String.join(", ", DEPARTMENTS.get(department)))
          .append("] } }\n");
      rules
          .append("  - { name: ")
          .append(role)
          .append(", when: \"department == '")
          .append(department)
          .append("'\", grant: [")
          .append(role)
          .append("] }\n");
    }
    String yaml =
        "store:\n"
            + "  url: "
            + POSTGRES_URL.substring(0, POSTGRES_URL.lastIndexOf('/') + 1)
            + database
            + "\n"
            + "  username: "
            + POSTGRES_USER
            + "\n"
            + "sources:\n"
            + "  hr:\n"
            + "    type: csv\n"
            + "    file: people.csv\n"
            + "    key: employeeId\n"
            + "    attributes: { employeeId: employee_id, givenName: first_name,"
            + " familyName: last_name, email: email, department: department }\n"
            + "    requiredAttributes: [employeeId]\n"
            + "    lifecycle: { status: status, startDate: hire_date, endDate: termination_date }\n"
            + "targets:\n"
            + "  directory:\n"
            + "    type: ldap\n"
            + "    url: "
            + ldapUrl
            + "\n"
            + "    bindDn: "
            + ADMIN
            + "\n"
            + "    password: "
            + PASSWORD
            + "\n"
            + "    accounts: { base: \"ou=people,"
            + unit
            + "\", rdn: uid }\n"
            + "    groups: { base: \"ou=groups,"
            + unit
            + "\" }\n"
            + "    username: employeeId\n"
            + "    attributes: { cn: \"givenName + ' ' + familyName\", sn: familyName,"
            + " mail: email, employeeNumber: employeeId }\n"
            + "    concurrency: "
            + concurrency
            + "\n"
            + "    guard: { maxDisablePercent: 100, maxDisableCount: 1000000 }\n"
            + roles
            + rules;
    Files.writeString(folder.resolve("tenure.yaml"), yaml);
  }

  /** How many operations the first plan has: a create and the groups of each person. */
  int expectedOperations() {
    int total = 0;
    for (String department : departments.values()) {
      total += 2 + DEPARTMENTS.get(department).size();
    }
    return total;
  }

  private String unitName() {
    return unit.substring(3, unit.indexOf(','));
  }

  Connection postgres(String name) throws SQLException {
    return DriverManager.getConnection(
        POSTGRES_URL.substring(0, POSTGRES_URL.lastIndexOf('/') + 1) + name, POSTGRES_USER, "");
  }

  LDAPConnection ldap() throws LDAPException {
    com.unboundid.ldap.sdk.LDAPURL url = new com.unboundid.ldap.sdk.LDAPURL(ldapUrl);
    return new LDAPConnection(url.getHost(), url.getPort(), ADMIN, PASSWORD);
  }

  /** Starts {@code tenure COMMAND --config FILE REST...} in a new JVM on the test class path. */
  Process start(String log, Map<String, String> properties, String... arguments)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx512m");
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-Duser.name=queue-it");
    properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("io.tenure.server.TenureMain");
    // the command's own options go right after its name (subcommands such as "work" follow)
    command.add(arguments[0]);
    command.add("--config");
    command.add(folder.resolve("tenure.yaml").toString());
    command.addAll(List.of(arguments).subList(1, arguments.length));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("TENURE_HOME", folder.resolve("home").toString());
    builder.redirectErrorStream(true);
    builder.redirectOutput(folder.resolve(log).toFile());
    return builder.start();
  }

  String output(String log) throws IOException {
    return Files.readString(folder.resolve(log));
  }

  long count(String sql) throws SQLException {
    try (Connection connection = postgres(database);
        Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery(sql)) {
      row.next();
      return row.getLong(1);
    }
  }

  /** Accounts under the people unit: employeeNumber to how many entries carry it. */
  Map<String, Integer> accountsByEmployeeNumber() throws LDAPException {
    Map<String, Integer> found = new TreeMap<>();
    try (LDAPConnection connection = ldap()) {
      for (SearchResultEntry entry :
          connection
              .search(
                  "ou=people," + unit,
                  SearchScope.ONE,
                  Filter.createPresenceFilter("objectClass"),
                  "employeeNumber")
              .getSearchEntries()) {
        found.merge(String.valueOf(entry.getAttributeValue("employeeNumber")), 1, Integer::sum);
      }
    }
    return found;
  }

  /** Group name to its members' uids. */
  Map<String, Set<String>> groups() throws LDAPException {
    Map<String, Set<String>> found = new TreeMap<>();
    try (LDAPConnection connection = ldap()) {
      for (SearchResultEntry entry :
          connection
              .search(
                  "ou=groups," + unit,
                  SearchScope.ONE,
                  Filter.createPresenceFilter("objectClass"),
                  "cn",
                  "member")
              .getSearchEntries()) {
        Set<String> members = new TreeSet<>();
        String[] values = entry.getAttributeValues("member");
        if (values != null) {
          for (String member : values) {
            members.add(new DN(member).getRDN().getAttributeValues()[0]);
          }
        }
        found.put(entry.getAttributeValue("cn"), members);
      }
    }
    return found;
  }

  /** The groups everybody should be in, by group. */
  Map<String, Set<String>> expectedGroups() {
    Map<String, Set<String>> expected = new TreeMap<>();
    departments.forEach(
        (id, department) -> {
          String uid = id.toLowerCase(java.util.Locale.ROOT);
          expected.computeIfAbsent("staff", ignored -> new TreeSet<>()).add(uid);
          for (String group : DEPARTMENTS.get(department)) {
            expected.computeIfAbsent(group, ignored -> new TreeSet<>()).add(uid);
          }
        });
    return expected;
  }

  static void stop(Process process) throws InterruptedException {
    if (process.isAlive()) {
      process.destroyForcibly();
      process.waitFor(30, TimeUnit.SECONDS);
    }
  }

  @Override
  public void close() throws Exception {
    try (LDAPConnection connection = ldap()) {
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
    } catch (LDAPException e) {
      // the directory may be down (outage test); its data directory is removed with it
    }
    try (Connection connection = postgres("postgres");
        Statement statement = connection.createStatement()) {
      statement.execute("drop database if exists " + database + " with (force)");
    }
    org.springframework.util.FileSystemUtils.deleteRecursively(folder);
  }
}
