package io.tenure.server.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPURL;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import io.tenure.cli.CliEnvironment;
import io.tenure.cli.TenureCli;
import io.tenure.cli.Terminal;
import io.tenure.engine.configuration.TenureHome;
import io.tenure.server.TenureLauncher;
import io.tenure.server.guard.LdapUnit;
import io.tenure.server.story.StoryClock;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.FileSystemUtils;

/**
 * The reports through the CLI against the real OpenLDAP and the embedded PostgreSQL: the initial
 * load's access now and as of the day before it (empty), a leaver disabled on time, the
 * terminated-with-access report empty after the apply and naming the leaver once the directory is
 * broken behind Tenure's back (the account re-enabled and put back in a group), the changes by
 * cause, and {@code tenure report --help} listing every report.
 */
class ReportsCliIT {

  private static final Instant START = Instant.parse("2026-01-05T08:00:00Z");

  @TempDir Path folder;

  private final StoryClock clock = new StoryClock();

  private record Run(int exitCode, String out, String err) {}

  @Test
  void reportsOnTheDemoStory() throws Exception {
    Run help = run("report", "--help");
    assertThat(help.out())
        .contains(
            "access",
            "access-by-target",
            "access-by-role",
            "terminated-with-access",
            "orphans",
            "exceptions",
            "leaver-timeliness",
            "changes");
    try (LdapUnit ldap = new LdapUnit("reports")) {
      String config = configure(ldap);
      Run load = run("apply", "--yes", config);
      assertThat(load.exitCode()).as("%s", load).isZero();

      Run access = run("report", "access", "--format", "csv", config);
      assertThat(access.exitCode()).as("%s", access).isZero();
      assertThat(access.out())
          .contains(
              "E1001,Alice Martin,ACTIVE,directory,amartin,true,engineering,engineering,"
                  + "engineering-birthright,2026-01-05T");
      Run before = run("report", "access", "--as-of", "2026-01-04", "--format", "json", config);
      assertThat(before.out()).contains("\"rows\" : [ ]");
      Run asOf = run("report", "access", "--as-of", "2026-01-05", "--format", "csv", config);
      assertThat(asOf.out())
          .contains("E1001,Alice Martin,ACTIVE,directory,amartin,true,staff,staff,employees");

      assertThat(run("report", "terminated-with-access", config).out()).contains("(none)");

      // Alice leaves: her last day was yesterday
      Path leaver = folder.resolve("hr-1-initial-load.csv");
      Files.writeString(
          leaver,
          Files.readString(leaver)
              .replace(
                  "E1001,Alice,Martin,alice.martin@example.com,Engineering,Software Engineer,E1100,Paris,employee,active,2019-03-04,",
                  "E1001,Alice,Martin,alice.martin@example.com,Engineering,Software Engineer,E1100,Paris,employee,terminated,2019-03-04,2026-01-04"));
      Run leave = run("apply", "--yes", config);
      assertThat(leave.exitCode()).as("%s", leave).isZero();
      assertThat(run("report", "terminated-with-access", config).out()).contains("(none)");
      Run timeliness = run("report", "leaver-timeliness", "--format", "json", config);
      assertThat(timeliness.out())
          .contains(
              "\"employeeId\" : \"E1001\"",
              "\"status\" : \"done\"",
              "\"effective\" : \"2026-01-05T00:00:00Z\"")
          .containsPattern("\"p50\" : \"PT8H");

      // the directory is broken behind Tenure's back: Alice's account enabled and in a group again
      try (LDAPConnection connection = connect()) {
        connection.modify(
            "uid=amartin," + ldap.variables().get("DEMO_PEOPLE_BASE"),
            new Modification(ModificationType.DELETE, "pwdAccountLockedTime"));
        connection.modify(
            "cn=staff," + ldap.variables().get("DEMO_GROUPS_BASE"),
            new Modification(
                ModificationType.ADD,
                "member",
                "uid=amartin," + ldap.variables().get("DEMO_PEOPLE_BASE")));
      }
      Run reconcile = run("reconcile", "directory", config);
      assertThat(reconcile.exitCode()).as("%s", reconcile).isIn(0, 1);
      Run terminated = run("report", "terminated-with-access", "--format", "csv", config);
      assertThat(terminated.out()).contains("E1001,Alice Martin,TERMINATED,directory,amartin,true");

      Run changes = run("report", "changes", "--format", "json", config);
      assertThat(changes.out())
          .contains(
              "\"cause\" : \"rule\"",
              "\"cause\" : \"hr-change\"",
              "\"kind\" : \"DISABLE_ACCOUNT\"");

      // personal data: the export, then the pseudonymisation the retention delete brings
      Run export = run("person", "export", "E1001", config);
      assertThat(export.exitCode()).as("%s", export).isZero();
      assertThat(export.out())
          .contains("\"givenName\" : \"Alice\"", "\"username\" : \"amartin\"", "\"accessHistory\"")
          .contains("identity.leaver");
      java.util.regex.Matcher identityId =
          java.util.regex.Pattern.compile("\"identity\" : \\{\\s*\"id\" : \"([^\"]+)\"")
              .matcher(export.out());
      assertThat(identityId.find()).as(export.out()).isTrue();
      Run tooEarly = run("person", "pseudonymise", "E1001", config);
      assertThat(tooEarly.exitCode()).isEqualTo(1);
      assertThat(tooEarly.err()).contains("still has 1 account(s)");
      Run redisabled = run("apply", "--yes", config);
      assertThat(redisabled.exitCode()).as("%s", redisabled).isZero();
      assertThat(run("person", "export", identityId.group(1), config).out())
          .contains("Alice")
          .doesNotContain("audit.pseudonymised");
      Run retention = runAt(START.plus(Duration.ofDays(40)), "apply", "--yes", config);
      assertThat(retention.exitCode()).as("%s", retention).isZero();
      assertThat(ldap.view().account("amartin")).isEmpty();
      // no command: the delete of her last account pseudonymised her audit trail
      Run after =
          runAt(START.plus(Duration.ofDays(40)), "person", "export", identityId.group(1), config);
      assertThat(after.exitCode()).as("%s", after).isZero();
      assertThat(after.out())
          .containsPattern("\"pseudonym\" : \"pseudonym-[0-9a-f]+\"")
          .contains("PURGED", "operation.succeeded", "audit.pseudonymised", "DELETE_ACCOUNT")
          .contains("Engineering", "engineering-birthright")
          .doesNotContain("Alice", "amartin", "alice.martin@example.com", "E1001");
      Run verified =
          runAt(START.plus(Duration.ofDays(40)), "audit", "--verify", "--limit", "1", config);
      assertThat(verified.exitCode()).as("%s", verified).isZero();
      assertThat(verified.out()).contains("Audit chain intact");
      Run again =
          runAt(
              START.plus(Duration.ofDays(40)),
              "person",
              "pseudonymise",
              identityId.group(1),
              config);
      assertThat(again.exitCode()).as("%s", again).isZero();
      assertThat(again.out()).contains("is pseudonymised as pseudonym-", "nothing left to replace");

      // the HR file still lists her as a leaver: the next import finds her tombstone and neither
      // re-creates her nor writes her values anywhere
      Run list = runAt(START.plus(Duration.ofDays(40)), "person", "list", config);
      assertThat(list.exitCode()).as("%s", list).isZero();
      Run reimport = runAt(START.plus(Duration.ofDays(41)), "apply", "--yes", config);
      assertThat(reimport.exitCode()).as("%s", reimport).isZero();
      assertThat(reimport.out() + reimport.err())
          .contains("erased person (pseudonymised on ")
          .doesNotContain("Alice", "alice.martin@example.com", "E1001");
      Run listAfter = runAt(START.plus(Duration.ofDays(41)), "person", "list", config);
      assertThat(listAfter.exitCode()).as("%s", listAfter).isZero();
      assertThat(listAfter.out().lines().count()).isEqualTo(list.out().lines().count());
      assertThat(listAfter.out()).doesNotContain("Alice", "amartin", "alice.martin@example.com");
      Run byEmployeeId =
          runAt(START.plus(Duration.ofDays(41)), "person", "export", "E1001", config);
      assertThat(byEmployeeId.exitCode()).as("%s", byEmployeeId).isEqualTo(2);
      assertThat(byEmployeeId.err()).contains("nobody has the id or employee id E1001");
      assertThat(
              runAt(
                      START.plus(Duration.ofDays(41)),
                      "person",
                      "export",
                      identityId.group(1),
                      config)
                  .out())
          .doesNotContain("Alice", "amartin", "alice.martin@example.com", "E1001");
    } finally {
      FileSystemUtils.deleteRecursively(folder.resolve("home"));
    }
  }

  private String configure(LdapUnit ldap) throws Exception {
    String yaml = resource("demo/tenure.yaml");
    for (Map.Entry<String, String> variable : ldap.variables().entrySet()) {
      yaml = yaml.replace("${env:" + variable.getKey() + "}", variable.getValue());
    }
    Path config = folder.resolve("tenure.yaml");
    Files.writeString(config, yaml);
    Files.writeString(
        folder.resolve("hr-1-initial-load.csv"), resource("demo/hr-1-initial-load.csv"));
    return "--config=" + config;
  }

  private static LDAPConnection connect() throws Exception {
    LDAPURL url = new LDAPURL(System.getProperty("tenure.it.ldap.url", "ldap://127.0.0.1:3389"));
    return new LDAPConnection(url.getHost(), url.getPort(), "cn=admin,dc=example,dc=com", "secret");
  }

  private Run run(String... arguments) {
    return runAt(START, arguments);
  }

  private Run runAt(Instant at, String... arguments) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CliEnvironment environment =
        new CliEnvironment(
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            Terminal.none(),
            Map.<String, String>of()::get,
            new TenureHome(folder.resolve("home")),
            clock.at(at),
            TenureLauncher.INSTANCE,
            UnaryOperator.identity());
    int code = TenureCli.execute(environment, arguments);
    return new Run(code, out.toString(), err.toString());
  }

  private static String resource(String name) throws Exception {
    try (InputStream in = ReportsCliIT.class.getResourceAsStream("/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
