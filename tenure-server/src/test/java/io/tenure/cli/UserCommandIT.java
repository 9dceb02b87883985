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

/** {@code tenure user create-admin|create|list|disable} on the embedded store. */
class UserCommandIT {

  private Path folder;
  private Path config;
  private TenureHome home;

  @BeforeEach
  void setUp() throws Exception {
    folder = Files.createTempDirectory("tenure-user-it");
    home = new TenureHome(folder.resolve("home"));
    config = folder.resolve("tenure.yaml");
    Files.writeString(
        config,
        """
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
  void createAdminCreateListDisable() {
    assertThat(run("user", "list").out).contains("No users", "tenure user create-admin");

    CliRun admin = run("user", "create-admin");
    assertThat(admin.exitCode).as(admin.toString()).isZero();
    String[] lines = admin.out.strip().split("\n");
    String password = lines[lines.length - 1].strip();
    assertThat(admin.out).contains("Created user admin", "roles admin", "shown only now");
    assertThat(password).hasSizeGreaterThanOrEqualTo(20).doesNotContain(" ");
    assertThat(run("user", "create-admin").exitCode).isEqualTo(TenureCli.FAILURE);

    CliRun operator = run("user", "create", "jdoe", "--role", "operator", "--name", "Jane Doe");
    assertThat(operator.exitCode).as(operator.toString()).isZero();
    assertThat(operator.out).contains("Created user jdoe (Jane Doe, roles operator)");

    CliRun listed = run("user", "list");
    assertThat(listed.out).contains("admin", "jdoe", "Jane Doe", "roles operator");
    assertThat(listed.out).doesNotContain(password);

    assertThat(run("user", "disable", "jdoe").exitCode).isZero();
    assertThat(run("user", "list").out).contains("disabled");
    assertThat(run("user", "disable", "jdoe").exitCode).isEqualTo(TenureCli.FAILURE);

    assertThat(run("user", "create", "x").exitCode).isEqualTo(TenureCli.USAGE);
    assertThat(run("user", "create", "x", "--role", "emperor").exitCode).isEqualTo(TenureCli.USAGE);
    assertThat(run("user", "explode").exitCode).isEqualTo(TenureCli.USAGE);
  }
}
