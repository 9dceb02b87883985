package io.tenure.server.guard;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenure.cli.CliEnvironment;
import io.tenure.cli.TenureCli;
import io.tenure.cli.Terminal;
import io.tenure.engine.configuration.TenureHome;
import io.tenure.server.TenureLauncher;
import io.tenure.server.story.StoryClock;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.FileSystemUtils;

/**
 * The operator's commands end to end through the CLI, against the real OpenLDAP and the embedded
 * PostgreSQL: a mass termination imported with {@code tenure import} is held, {@code tenure plans
 * --held} lists it with its reason, {@code tenure reject} discards it, the next {@code apply} is
 * held again and {@code tenure resume} executes it.
 */
class HeldPlansCliIT {

  @TempDir Path folder;

  private final StoryClock clock = new StoryClock();

  private record Run(int exitCode, String out, String err) {}

  @Test
  void heldListedRejectedHeldAgainResumed() throws Exception {
    try (LdapUnit ldap = new LdapUnit("held-cli")) {
      String yaml = resource("demo/tenure.yaml");
      for (Map.Entry<String, String> variable : ldap.variables().entrySet()) {
        yaml = yaml.replace("${env:" + variable.getKey() + "}", variable.getValue());
      }
      Path config = folder.resolve("tenure.yaml");
      Files.writeString(config, yaml);
      Files.writeString(folder.resolve("hr-1-initial-load.csv"), HrFiles.initialLoad());
      Path mass =
          HrFiles.write(
              folder.resolve("mass.csv"),
              (index, row) -> index < 120 ? HrFiles.terminated(row, "2026-01-04") : row);
      String configArgument = "--config=" + config;

      Run load = run("apply", "--yes", configArgument);
      assertThat(load.exitCode()).as("%s", load).isZero();
      int enabled = ldap.view().census().enabled();

      Run imported = run("import", "--source", "hr", "--file", mass.toString(), configArgument);
      assertThat(imported.exitCode()).as("held: exit 4 %s", imported).isEqualTo(4);
      assertThat(imported.out()).contains("HELD", "mass-change brake: directory: ");
      assertThat(ldap.view().census().enabled()).isEqualTo(enabled);

      Run held = run("plans", "--held", "--format", "json", configArgument);
      assertThat(held.exitCode()).as("%s", held).isZero();
      String plan = firstPlan(held.out());
      assertThat(held.out()).contains("\"status\" : \"HELD\"", "would be disabled or deleted");

      Run rejected = run("reject", plan, "--reason", "HR export bug", configArgument);
      assertThat(rejected.exitCode()).as("%s", rejected).isZero();
      assertThat(run("plans", "--held", configArgument).out()).contains("No plan is held.");
      assertThat(ldap.view().census().enabled()).isEqualTo(enabled);

      // the configured HR file now says what the mass file said: a full apply plans it again
      Files.copy(
          mass,
          folder.resolve("hr-1-initial-load.csv"),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      Run again = run("apply", "--yes", configArgument);
      assertThat(again.exitCode()).as("held: exit 4 %s", again).isEqualTo(4);
      assertThat(again.err()).contains("HELD by the mass-change brake");
      assertThat(again.out()).containsPattern("0 failed, 0 skipped, \\d+ held by the brake");
      String second = firstPlan(run("plans", "--held", "--format", "json", configArgument).out());
      assertThat(second).isNotEqualTo(plan);
      Run resumed = run("resume", second, "--reason", "confirmed", configArgument);
      assertThat(resumed.exitCode()).as("%s", resumed).isZero();
      assertThat(ldap.view().census().enabled()).isLessThanOrEqualTo(enabled - 100);

      Run audit = run("audit", "--subject", "plan ", configArgument);
      assertThat(audit.out()).contains("plan.held", "plan.rejected", "plan.resumed");
    } finally {
      FileSystemUtils.deleteRecursively(folder.resolve("home"));
    }
  }

  private Run run(String... arguments) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CliEnvironment environment =
        new CliEnvironment(
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            Terminal.none(),
            Map.<String, String>of()::get,
            new TenureHome(folder.resolve("home")),
            clock.at(Instant.parse("2026-01-05T08:00:00Z")),
            TenureLauncher.INSTANCE,
            UnaryOperator.identity());
    int code = TenureCli.execute(environment, arguments);
    return new Run(code, out.toString(), err.toString());
  }

  private static String firstPlan(String json) {
    Matcher matcher = Pattern.compile("\"plan\" : \"([^\"]+)\"").matcher(json);
    assertThat(matcher.find()).as(json).isTrue();
    return matcher.group(1);
  }

  private static String resource(String name) throws Exception {
    try (InputStream in = HeldPlansCliIT.class.getResourceAsStream("/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
