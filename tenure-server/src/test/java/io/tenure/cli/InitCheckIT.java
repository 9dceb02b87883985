package io.tenure.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPURL;
import io.tenure.server.guard.LdapUnit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tenure init} writes a starter tenure.yaml from an HR header and the shared OpenLDAP's
 * naming context; {@code tenure check} tests it, one line per check, against that directory.
 */
class InitCheckIT {

  private static final String URL =
      System.getProperty("tenure.it.ldap.url", "ldap://127.0.0.1:3389");
  private static final String ADMIN = "cn=admin,dc=example,dc=com";

  @TempDir Path folder;
  private String unit;

  @BeforeEach
  void createUnit() throws Exception {
    String name = "init-" + UUID.randomUUID().toString().substring(0, 8);
    unit = "ou=" + name + ",dc=example,dc=com";
    try (LDAPConnection connection = connect()) {
      connection.add("dn: " + unit, "objectClass: organizationalUnit", "ou: " + name);
      connection.add("dn: ou=people," + unit, "objectClass: organizationalUnit", "ou: people");
      connection.add("dn: ou=groups," + unit, "objectClass: organizationalUnit", "ou: groups");
    }
    Files.writeString(
        folder.resolve("people.csv"),
        """
        Employee ID,First Name,Last Name,E-Mail,Department,Status,Hire Date,Cost Center
        E1001,Alice,Martin,alice@example.com,Engineering,active,2020-01-06,4711
        """);
  }

  @AfterEach
  void deleteUnit() throws Exception {
    try (LDAPConnection connection = connect()) {
      LdapUnit.deleteSubtree(connection, unit);
    }
  }

  private static LDAPConnection connect() throws Exception {
    LDAPURL url = new LDAPURL(URL);
    return new LDAPConnection(url.getHost(), url.getPort(), ADMIN, "secret");
  }

  private CliRun run(String... arguments) {
    return CliRun.inFolder(folder, arguments);
  }

  private CliRun init(String... more) {
    String[] base = {
      "init",
      "--hr",
      folder.resolve("people.csv").toString(),
      "--target",
      URL,
      "--bind-dn",
      ADMIN,
      "--config",
      folder.resolve("tenure.yaml").toString()
    };
    String[] all = new String[base.length + more.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(more, 0, all, base.length, more.length);
    return run(all);
  }

  @Test
  void initWritesAStarterFromTheHeaderAndTheNamingContextAndNeverOverwritesSilently()
      throws Exception {
    CliRun written = init();

    assertThat(written.exitCode).as(written.toString()).isZero();
    String yaml = Files.readString(folder.resolve("tenure.yaml"));
    assertThat(yaml)
        .contains("employeeId: \"Employee ID\"", "givenName: \"First Name\"")
        .contains("familyName: \"Last Name\"", "email: \"E-Mail\"", "fallbackKeys: [email]")
        .contains("status: Status", "startDate: \"Hire Date\"")
        .contains("# costCenter: \"Cost Center\"")
        .contains("naming contexts of the directory: dc=example,dc=com")
        .contains("base: \"ou=people,dc=example,dc=com\"")
        .contains("password: ${env:LDAP_PASSWORD}")
        .doesNotContain("secret");

    CliRun again = init();
    assertThat(again.exitCode).isEqualTo(TenureCli.FAILURE);
    assertThat(again.err).contains("exists; --force overwrites it");
    Files.writeString(folder.resolve("tenure.yaml"), "# mine\n");
    assertThat(init().exitCode).isEqualTo(TenureCli.FAILURE);
    assertThat(Files.readString(folder.resolve("tenure.yaml"))).isEqualTo("# mine\n");
    assertThat(init("--force").exitCode).isZero();
    assertThat(Files.readString(folder.resolve("tenure.yaml"))).isEqualTo(yaml);
  }

  @Test
  void checkTestsTheWrittenFileAgainstTheDirectoryOneLinePerCheck() throws Exception {
    assertThat(init().exitCode).isZero();
    Path config = folder.resolve("tenure.yaml");
    Files.writeString(
        config,
        Files.readString(config)
            .replace("ou=people,dc=example,dc=com", "ou=people," + unit)
            .replace("ou=groups,dc=example,dc=com", "ou=groups," + unit));

    CliRun check = run("check", "--config", config.toString());

    assertThat(check.exitCode).as(check.toString()).isZero();
    assertThat(check.out)
        .contains("ok    configuration")
        .contains("ok    source hr: file")
        .contains("ok    target directory: answers")
        .contains("ok    target directory schema: defines cn, sn, givenName, mail, employeeNumber");
  }

  @Test
  void checkFailsNamingTheMissingColumnTheMissingBaseAndTheUnknownAttribute() throws Exception {
    assertThat(init().exitCode).isZero();
    Path config = folder.resolve("tenure.yaml");
    Files.writeString(
        config,
        Files.readString(config)
            .replace("ou=people,dc=example,dc=com", "ou=nowhere," + unit)
            .replace("      mail: email\n", "      mail: email\n      favouriteColour: email\n"));
    Files.writeString(folder.resolve("people.csv"), "Employee ID,First Name\nE1,A\n");

    CliRun check = run("check", "--config", config.toString());

    assertThat(check.exitCode).as(check.toString()).isEqualTo(TenureCli.FAILURE);
    assertThat(check.out)
        .contains("FAIL  source hr:", "the header lacks the configured columns", "Hire Date")
        .contains("FAIL  target directory:", "ou=nowhere," + unit)
        .contains("FAIL  target directory schema: does not define attribute types favouriteColour");
  }
}
