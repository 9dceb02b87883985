package io.tenure.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenure.engine.configuration.TenureHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;

/**
 * Commands that never touch a target run although its {@code ${env:...}} secret is not set; a
 * command that uses the target fails naming the variable and the target.
 */
class LazySecretsCliIT {

  private Path folder;
  private Path config;
  private ScratchDatabase database;

  @BeforeEach
  void setUp() throws Exception {
    folder = Files.createTempDirectory("tenure-lazy-secrets-it");
    database = ScratchDatabase.create("tenure_lazy_secrets_it");
    Files.writeString(folder.resolve("people.csv"), "employee_id,status,hire_date\n");
    config = folder.resolve("tenure.yaml");
    Files.writeString(
        config,
        """
        sources:
          hr:
            file: people.csv
            key: employeeId
            attributes: { employeeId: employee_id }
            lifecycle: { status: status, startDate: hire_date }
        targets:
          directory:
            type: ldap
            url: ldap://127.0.0.1:1
            bindDn: cn=admin,dc=example,dc=com
            password: ${env:DIRECTORY_PASSWORD_NOT_SET}
            accounts: { base: "ou=people,dc=example,dc=com" }
            username: "'u'"
        """);
  }

  @AfterEach
  void tearDown() {
    database.close();
    FileSystemUtils.deleteRecursively(folder.toFile());
  }

  private CliRun run(String... arguments) {
    String[] withConfig = new String[arguments.length + 2];
    System.arraycopy(arguments, 0, withConfig, 0, arguments.length);
    withConfig[arguments.length] = "--config";
    withConfig[arguments.length + 1] = config.toString();
    return CliRun.run(
        new TenureHome(folder.resolve("home")),
        Clock.systemUTC(),
        CliRun.answering(),
        database.store(),
        withConfig);
  }

  @Test
  void commandsThatDoNotUseTheTargetRunWithoutItsSecret() {
    for (String[] command :
        new String[][] {
          {"audit"}, {"plans", "--held"}, {"operations"}, {"findings"}, {"token", "list"}
        }) {
      CliRun run = run(command);
      assertThat(run.exitCode).as(String.join(" ", command) + "\n" + run).isZero();
      assertThat(run.err).doesNotContain("DIRECTORY_PASSWORD_NOT_SET");
    }
    CliRun token = run("token", "create", "--scope", "scim");
    assertThat(token.exitCode).as(token.toString()).isZero();
  }

  @Test
  void aCommandThatUsesTheTargetNamesTheVariableAndTheTarget() {
    CliRun reconcile = run("reconcile", "directory");

    assertThat(reconcile.exitCode).as(reconcile.toString()).isEqualTo(TenureCli.FAILURE);
    assertThat(reconcile.err)
        .contains(
            "target 'directory'", "environment variable DIRECTORY_PASSWORD_NOT_SET is not set")
        .contains("targets.directory.password");
  }
}
