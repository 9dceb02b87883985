package io.tenure.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenure.engine.configuration.TenureHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;

/** {@code tenure token create|list|revoke} on the embedded store. */
class TokenCommandIT {

  private Path folder;
  private Path config;
  private TenureHome home;

  @BeforeEach
  void setUp() throws Exception {
    folder = Files.createTempDirectory("tenure-token-it");
    home = new TenureHome(folder.resolve("home"));
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
            password: ${env:LDAP_PASSWORD}
            accounts: { base: "ou=people,dc=example,dc=com" }
            username: "'u'"
        """);
  }

  @AfterEach
  void tearDown() {
    FileSystemUtils.deleteRecursively(folder.toFile());
  }

  private CliRun run(String... arguments) {
    String[] withConfig = new String[arguments.length + 2];
    System.arraycopy(arguments, 0, withConfig, 0, arguments.length);
    withConfig[arguments.length] = "--config";
    withConfig[arguments.length + 1] = config.toString();
    return CliRun.run(
        home, Clock.systemUTC(), CliRun.answering(), UnaryOperator.identity(), withConfig);
  }

  @Test
  void createListRevoke() {
    CliRun created = run("token", "create", "--scope", "scim", "--name", "okta");
    assertThat(created.exitCode).as(created.toString()).isZero();
    String[] lines = created.out.strip().split("\n");
    String secret = lines[lines.length - 1].strip();
    assertThat(secret).startsWith("tenure_").hasSizeGreaterThan(50);
    String id = secret.split("_")[1];

    CliRun listed = run("token", "list");
    assertThat(listed.exitCode).isZero();
    assertThat(listed.out).contains(id, "scim", "okta").doesNotContain(secret.substring(20));

    assertThat(run("token", "revoke", id).exitCode).isZero();
    assertThat(run("token", "list").out).contains("revoked");
    assertThat(run("token", "revoke", id).exitCode).isEqualTo(TenureCli.FAILURE);

    assertThat(run("token", "create").exitCode).isEqualTo(TenureCli.USAGE);
    assertThat(run("token", "create", "--scope", "root").exitCode).isEqualTo(TenureCli.USAGE);
    assertThat(run("token", "explode").exitCode).isEqualTo(TenureCli.USAGE);
  }

  @Test
  void aTokenBoundToALocalUserNamesItAndAnUnknownUserIsRefused() {
    CliRun unknown = run("token", "create", "--scope", "admin", "--user", "nobody");
    assertThat(unknown.exitCode).as(unknown.toString()).isEqualTo(TenureCli.USAGE);
    assertThat(unknown.err).contains("there is no user nobody");
    assertThat(run("token", "list").out).contains("No tokens.");

    CliRun user = run("user", "create", "helpdesk", "--role", "operator");
    assertThat(user.exitCode).as(user.toString()).isZero();
    CliRun created = run("token", "create", "--scope", "admin", "--user", "helpdesk");
    assertThat(created.exitCode).as(created.toString()).isZero();
    assertThat(created.out).contains("acting as user helpdesk");
    assertThat(run("token", "list").out).contains("user helpdesk");
  }
}
