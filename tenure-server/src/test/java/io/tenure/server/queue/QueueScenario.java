package io.tenure.server.queue;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import io.tenure.cli.TenureLaunch;
import io.tenure.configuration.YamlConfigurationLoader;
import io.tenure.engine.audit.AuditVerification;
import io.tenure.engine.configuration.TenureConfiguration;
import io.tenure.engine.configuration.TenureHome;
import io.tenure.engine.guard.GuardedPlan;
import io.tenure.engine.provisioning.ImportAndApply;
import io.tenure.engine.provisioning.Provisioning;
import io.tenure.engine.provisioning.Provisioning.Scope;
import io.tenure.server.TenureApplication;
import io.tenure.server.guard.LdapUnit;
import io.tenure.store.AuditSealing;
import io.tenure.store.JdbcStore;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * A generated HR file, a configuration over the machine's PostgreSQL (a fresh database) and an
 * OpenLDAP unit of its own, Tenure processes started from the test class path, and the checks of
 * the directory against the desired state. Every process, and this JVM, seal the audit chain with
 * one key, given as {@code TENURE_AUDIT_KEY} (as the nodes of a cluster share it) and also written
 * to the scenario's home, which the in-JVM work reads; {@link #audit} verifies the chain.
 */
final class QueueScenario implements AutoCloseable {

  static final String POSTGRES_URL =
      System.getProperty("tenure.it.postgres.url", "jdbc:postgresql://127.0.0.1:5432/postgres");
  static final String POSTGRES_USER = System.getProperty("tenure.it.postgres.username", "postgres");
  static final String MARIADB_URL =
      System.getProperty("tenure.it.mariadb.url", "jdbc:mariadb://127.0.0.1:3306/?user=root");
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

  /** The audit chain's key (hex), shared by every process of the scenario. */
  private final String auditKey;

  /** The HR source's key and mapping of the file's columns (a table's are named alike). */
  private static final String CSV_MAPPING =
      "    key: employeeId\n"
          + "    attributes: { employeeId: employee_id, givenName: first_name,"
          + " familyName: last_name, email: email, department: department }\n"
          + "    requiredAttributes: [employeeId]\n"
          + "    lifecycle: { status: status, startDate: hire_date, endDate: termination_date }\n";

  /** Where the HR records are read from ({@link #readHrFrom}). */
  private HrStore hrStore = HrStore.FILE;

  /** The database on the machine's PostgreSQL or MariaDB that holds the HR table, if any. */
  private final String hrDatabase = "tenure_hr_" + UUID.randomUUID().toString().replace("-", "");

  /** Where the scenario's HR records are: the file, a table, or a directory. */
  enum HrStore {
    /** {@code people.csv} ({@code type: csv}). */
    FILE,
    /**
     * Table {@code hr_people} of a fresh PostgreSQL database, by an {@code updated_at} watermark.
     */
    POSTGRES_TABLE,
    /** Table {@code hr_people} of a fresh MariaDB database, by an {@code updated_at} watermark. */
    MARIADB_TABLE,
    /** Entries below {@code ou=hr} of the scenario's unit on the OpenLDAP under test. */
    DIRECTORY
  }

  QueueScenario(String ldapUrl, int people, int concurrency, long seed) throws Exception {
    this(ldapUrl, people, concurrency, 0, seed);
  }

  /**
   * @param batchSize the LDAP target's {@code batch.size}, or 0 for the connector's default (a
   *     round of a batching target claims up to {@code concurrency} batches of that size)
   */
  QueueScenario(String ldapUrl, int people, int concurrency, int batchSize, long seed)
      throws Exception {
    this.ldapUrl = ldapUrl;
    this.people = people;
    this.unit = "ou=queue-" + UUID.randomUUID().toString().substring(0, 8) + ",dc=example,dc=com";
    folder = Files.createTempDirectory("tenure-queue");
    byte[] key = new byte[32];
    new java.security.SecureRandom().nextBytes(key);
    auditKey = java.util.HexFormat.of().formatHex(key);
    Path home = Files.createDirectories(folder.resolve("home"));
    Files.writeString(
        home.resolve("audit.key"),
        auditKey + "\n",
        java.nio.file.StandardOpenOption.CREATE_NEW,
        java.nio.file.StandardOpenOption.WRITE);
    Files.setPosixFilePermissions(
        home.resolve("audit.key"),
        java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
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
            + CSV_MAPPING
            + "targets:\n"
            + "  directory:\n"
            + "    type: ldap\n"
            + ldapConnection()
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
            + (batchSize > 0 ? "    batch: { size: " + batchSize + " }\n" : "")
            + "    guard: { maxDisablePercent: 100, maxDisableCount: 1000000 }\n"
            + roles
            + rules;
    Files.writeString(folder.resolve("tenure.yaml"), yaml);
  }

  /**
   * Moves the HR records from the file into {@code store} (every person with the same values, as
   * typed columns or directory attributes) and points source {@code hr} at them; the file stays.
   */
  void readHrFrom(HrStore store) throws Exception {
    hrStore = store; // first: close() drops the database even if filling it fails
    String source =
        switch (store) {
          case FILE -> null;
          case POSTGRES_TABLE -> hrTable(postgresUrl(hrDatabase), POSTGRES_USER, "timestamp");
          case MARIADB_TABLE -> hrTable(mariadbUrl(hrDatabase), "root", "datetime(6)");
          case DIRECTORY -> hrDirectory();
        };
    if (source != null) {
      Path config = folder.resolve("tenure.yaml");
      String yaml = Files.readString(config);
      int from = yaml.indexOf("    type: csv\n");
      int to = yaml.indexOf("targets:\n", from);
      Files.writeString(config, yaml.substring(0, from) + source + yaml.substring(to));
    }
  }

  /** Creates the HR table in a fresh database, fills it, and returns the source's connection. */
  private String hrTable(String url, String user, String timestampType) throws Exception {
    try (Connection admin =
            url.startsWith("jdbc:mariadb")
                ? DriverManager.getConnection(MARIADB_URL)
                : postgres("postgres");
        Statement statement = admin.createStatement()) {
      statement.execute("create database " + hrDatabase);
    }
    try (Connection connection = DriverManager.getConnection(url, user, "")) {
      try (Statement statement = connection.createStatement()) {
        statement.execute(
            "create table hr_people (employee_id varchar(20) primary key,"
                + " first_name varchar(50), last_name varchar(50), email varchar(100),"
                + " department varchar(50), status varchar(20), hire_date date,"
                + " termination_date date, updated_at "
                + timestampType
                + " not null)");
      }
      connection.setAutoCommit(false);
      try (PreparedStatement insert =
          connection.prepareStatement(
              "insert into hr_people values (?, 'Person', ?, ?, ?, 'active', ?, null, ?)")) {
        int index = 0;
        for (Map.Entry<String, String> person : departments.entrySet()) {
          index++;
          insert.setString(1, person.getKey());
          insert.setString(2, "Number" + index);
          insert.setString(3, "q" + index + "@example.com");
          insert.setString(4, person.getValue());
          insert.setObject(5, java.time.LocalDate.of(2024, 1, 1));
          insert.setObject(6, java.time.LocalDateTime.of(2026, 1, 1, 8, 0).plusSeconds(index));
          insert.addBatch();
        }
        insert.executeBatch();
      }
      connection.commit();
    }
    return "    type: jdbc\n"
        + "    url: "
        + url
        + "\n"
        + "    username: "
        + user
        + "\n"
        + "    table: hr_people\n"
        + "    watermark: updated_at\n"
        + CSV_MAPPING;
  }

  /** Adds the HR entries below {@code ou=hr} of the unit, and returns the source's connection. */
  private String hrDirectory() throws Exception {
    String base = "ou=hr," + unit;
    try (LDAPConnection connection = ldap()) {
      connection.add("dn: " + base, "objectClass: organizationalUnit", "ou: hr");
      int index = 0;
      for (Map.Entry<String, String> person : departments.entrySet()) {
        index++;
        connection.add(
            "dn: employeeNumber=" + person.getKey() + "," + base,
            "objectClass: inetOrgPerson",
            "employeeNumber: " + person.getKey(),
            "givenName: Person",
            "sn: Number" + index,
            "cn: Person Number" + index,
            "mail: q" + index + "@example.com",
            "departmentNumber: " + person.getValue(),
            "employeeType: active",
            // inetOrgPerson has no date attribute: this directory keeps the hire date here
            "description: 2024-01-01");
      }
    }
    return "    type: ldap\n"
        + ldapConnection()
        + "    base: \""
        + base
        + "\"\n"
        + "    filter: \"(objectClass=inetOrgPerson)\"\n"
        + "    key: employeeId\n"
        + "    attributes: { employeeId: employeeNumber, givenName: givenName, familyName: sn,"
        + " email: mail, department: departmentNumber }\n"
        + "    requiredAttributes: [employeeId]\n"
        + "    lifecycle: { status: employeeType, startDate: description }\n";
  }

  /** The YAML lines of a source's or target's connection to the OpenLDAP under test. */
  private String ldapConnection() {
    return "    url: " + ldapUrl + "\n    bindDn: " + ADMIN + "\n    password: " + PASSWORD + "\n";
  }

  private String postgresUrl(String name) {
    return POSTGRES_URL.substring(0, POSTGRES_URL.lastIndexOf('/') + 1) + name;
  }

  private static String mariadbUrl(String name) {
    String server = MARIADB_URL.substring(0, MARIADB_URL.indexOf('/', "jdbc:mariadb://".length()));
    return server + "/" + name;
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
    return start(log, "home", properties, arguments);
  }

  /**
   * Starts {@code tenure COMMAND --config FILE REST...} in a new JVM on the test class path, with
   * {@code TENURE_HOME} the scenario's folder {@code home} (a node of its own) and the scenario's
   * audit key as {@code TENURE_AUDIT_KEY}.
   */
  Process start(String log, String home, Map<String, String> properties, String... arguments)
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
    builder.environment().put("TENURE_HOME", folder.resolve(home).toString());
    builder.environment().put(AuditSealing.KEY_VARIABLE, auditKey);
    builder.redirectErrorStream(true);
    builder.redirectOutput(folder.resolve(log).toFile());
    return builder.start();
  }

  /**
   * Imports the HR file and stores the plan it calls for in one transaction, through the engine in
   * this JVM (as {@code apply} does before it executes), but works none of it: the stored
   * operations wait in the durable queue for whichever workers claim them.
   *
   * @return the stored plan's operations
   */
  int storePlan() {
    TenureConfiguration configuration =
        YamlConfigurationLoader.withSystemEnvironment().load(folder.resolve("tenure.yaml"));
    TenureLaunch launch =
        new TenureLaunch(new TenureHome(folder.resolve("home")), configuration, Clock.systemUTC());
    try (ConfigurableApplicationContext context = TenureApplication.start(launch)) {
      Provisioning provisioning = context.getBean(Provisioning.class);
      ImportAndApply stored =
          provisioning.importPlanAndStore(
              provisioning.sources(null, null), Scope.EVERYBODY, "test", "queue scenario");
      GuardedPlan plan = Objects.requireNonNull(stored.applied(), "the plan is empty");
      return plan.size();
    }
  }

  /** A {@code tenure serve} process of the scenario and the file its output goes to. */
  record Server(Process process, String log) {}

  /** Starts {@code tenure serve --port 0} (on a free loopback port); see {@link #awaitServing}. */
  Server serve(String log, Map<String, String> properties) throws IOException {
    return serve(log, "home", properties);
  }

  /** Starts {@code tenure serve --port 0} with its own home folder, as a node of a cluster. */
  Server serve(String log, String home, Map<String, String> properties) throws IOException {
    return new Server(start(log, home, properties, "serve", "--port", "0"), log);
  }

  /**
   * Verifies the audit chain in the scenario's database with the scenario's key, against the
   * checkpoint in the home folder {@code home} (chaining first what still waits in the inbox, as
   * {@code tenure audit --verify} does).
   */
  AuditVerification audit(String home) {
    AuditSealing sealing =
        AuditSealing.forHome(
            new TenureHome(folder.resolve(home)),
            name -> AuditSealing.KEY_VARIABLE.equals(name) ? auditKey : null);
    return JdbcStore.create(dataSource(), Clock.systemUTC(), sealing).auditLog().verify();
  }

  /** Brings the scenario's database schema up to date, as a process's start-up would. */
  void migrate() {
    JdbcStore.migrate(dataSource());
  }

  private SimpleDriverDataSource dataSource() {
    return new SimpleDriverDataSource(
        new org.postgresql.Driver(),
        POSTGRES_URL.substring(0, POSTGRES_URL.lastIndexOf('/') + 1) + database,
        POSTGRES_USER,
        "");
  }

  /**
   * Waits until the server says on which port it serves and {@code GET /actuator/health} answers
   * 200 there; fails with its output if it exits or the patience runs out first.
   *
   * @return the port
   */
  int awaitServing(Server server, Duration patience) throws Exception {
    long deadline = System.nanoTime() + patience.toNanos();
    Pattern serving = Pattern.compile("Tenure is serving on http://127\\.0\\.0\\.1:(\\d+)");
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    while (System.nanoTime() < deadline) {
      if (!server.process().isAlive()) {
        throw new AssertionError(
            server.log()
                + ": serve exited with "
                + server.process().exitValue()
                + " before it answered:\n"
                + output(server.log()));
      }
      Matcher port = serving.matcher(output(server.log()));
      if (port.find()) {
        int number = Integer.parseInt(port.group(1));
        try {
          HttpResponse<String> health =
              client.send(
                  HttpRequest.newBuilder(
                          URI.create("http://127.0.0.1:" + number + "/actuator/health"))
                      .timeout(Duration.ofSeconds(10))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
          if (health.statusCode() == 200) {
            return number;
          }
        } catch (IOException e) {
          // not answering yet
        }
      }
      Thread.sleep(250);
    }
    throw new AssertionError(
        server.log()
            + ": serve did not answer /actuator/health within "
            + patience
            + ":\n"
            + output(server.log()));
  }

  /**
   * Stops the process with SIGTERM (a clean shutdown: a server's workers finish what they run) and
   * waits for it; kills it if it has not exited within the patience. True if it stopped cleanly.
   */
  static boolean terminate(Process process, Duration patience) throws InterruptedException {
    if (!process.isAlive()) {
      return true;
    }
    process.destroy();
    if (process.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS)) {
      return true;
    }
    stop(process);
    return false;
  }

  String output(String log) throws IOException {
    return Files.readString(folder.resolve(log));
  }

  /**
   * The scenario's database holds exactly {@code expected} operations, every one succeeded, each
   * with exactly one successful attempt.
   */
  void assertEveryOperationSucceededOnce(long expected) throws SQLException {
    assertThat(count("select count(*) from operations")).isEqualTo(expected);
    assertThat(count("select count(*) from operations where state <> 'SUCCEEDED'"))
        .as("every operation succeeded")
        .isZero();
    assertThat(
            count(
                "select count(*) from operations o where (select count(*)"
                    + " from operation_attempts a where a.operation_id = o.id"
                    + " and a.outcome = 'SUCCEEDED') <> 1"))
        .as("operations without exactly one successful attempt")
        .isZero();
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
      LdapUnit.deleteSubtree(connection, unit);
    } catch (LDAPException e) {
      // the directory may be down (outage test); its data directory is removed with it
    }
    try (Connection connection = postgres("postgres");
        Statement statement = connection.createStatement()) {
      statement.execute("drop database if exists " + database + " with (force)");
      if (hrStore == HrStore.POSTGRES_TABLE) {
        statement.execute("drop database if exists " + hrDatabase + " with (force)");
      }
    }
    if (hrStore == HrStore.MARIADB_TABLE) {
      try (Connection connection = DriverManager.getConnection(MARIADB_URL);
          Statement statement = connection.createStatement()) {
        statement.execute("drop database if exists " + hrDatabase);
      }
    }
    org.springframework.util.FileSystemUtils.deleteRecursively(folder);
  }
}
