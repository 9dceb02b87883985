package io.tenure.configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tenure.core.account.TargetId;
import io.tenure.core.identity.EmploymentStatus;
import io.tenure.engine.configuration.GuardSettings;
import io.tenure.engine.configuration.LifecycleSettings;
import io.tenure.engine.configuration.ScimSettings;
import io.tenure.engine.configuration.SourceDefinition;
import io.tenure.engine.configuration.StoreSettings;
import io.tenure.engine.configuration.TargetDefinition;
import io.tenure.engine.configuration.TenureConfiguration;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class YamlConfigurationLoaderTest {

  private static final Path FOLDER = Path.of("/etc/tenure");

  private final YamlConfigurationLoader loader =
      new YamlConfigurationLoader(Map.of("TENURE_DB_PASSWORD", "db-secret")::get, Set.of());

  private TenureConfiguration parse(String yaml) {
    return loader.parse(yaml, "tenure.yaml", FOLDER);
  }

  private List<String> problems(String yaml) {
    try {
      parse(yaml);
    } catch (ConfigurationException e) {
      return e.problems();
    }
    throw new AssertionError("expected the configuration to be rejected:\n" + yaml);
  }

  private static final String MINIMAL_SOURCE =
      """
      sources:
        hr:
          file: people.csv
          key: employeeId
          attributes: { employeeId: employee_id }
          lifecycle: { status: status, startDate: hire_date }
      """;

  @Test
  void theCompleteExampleLoads() throws URISyntaxException {
    Path file = Path.of(getClass().getResource("/configuration/tenure.yaml").toURI());
    TenureConfiguration configuration = loader.load(file);

    assertThat(configuration.store())
        .isEqualTo(
            new StoreSettings("jdbc:postgresql://127.0.0.1:5432/tenure", "tenure", "db-secret"));
    assertThat(configuration.lifecycle().prehireDays()).isEqualTo(7);
    SourceDefinition hr = configuration.source("hr").orElseThrow();
    assertThat(hr.file()).isEqualTo(file.getParent().resolve("hr/people.csv"));
    assertThat(hr.key()).isEqualTo("employeeId");
    assertThat(hr.fallbackKeys()).containsExactly("email");
    assertThat(hr.attributes()).containsEntry("givenName", "first_name").hasSize(8);
    assertThat(hr.attributes().keySet().iterator().next()).isEqualTo("employeeId");
    assertThat(hr.requiredAttributes())
        .containsExactlyInAnyOrder("employeeId", "givenName", "familyName");
    assertThat(hr.lifecycle().statusValues())
        .containsEntry("retired", EmploymentStatus.TERMINATED)
        .containsEntry("leave", EmploymentStatus.LEAVE);
    assertThat(hr.lifecycle().endDate()).contains("termination_date");

    TargetDefinition directory = configuration.targets().get(0);
    assertThat(directory.id()).isEqualTo(new TargetId("directory"));
    assertThat(directory.type()).isEqualTo("ldap");
    assertThat(directory.usernameExpression())
        .isEqualTo("lowerAscii(givenName.substring(0, 1) + familyName)");
    assertThat(directory.usernameMaxLength()).isEqualTo(20);
    assertThat(directory.retention()).isEqualTo(Duration.ofDays(30));
    assertThat(directory.guard()).isEqualTo(new GuardSettings(5, 500));
    assertThat(directory.attributes()).containsEntry("cn", "givenName + ' ' + familyName");
    assertThat(directory.connector().settings())
        .containsEntry("url", "ldap://127.0.0.1:3389")
        .containsEntry("accounts.base", "ou=people,dc=example,dc=com")
        .containsEntry("accounts.objectClasses", "inetOrgPerson,organizationalPerson")
        .containsEntry("disable.value", "000001010000Z")
        .containsEntry("password", "s3cret")
        .doesNotContainKeys("username", "retention", "guard.maxDisableCount", "type");
    assertThat(directory.connector().secretKeys()).containsExactly("password");
    assertThat(directory.connector().toString()).doesNotContain("s3cret");

    assertThat(configuration.roles()).hasSize(2);
    assertThat(configuration.roles().get(1).includes()).containsExactly("staff");
    assertThat(configuration.roles().get(1).entitlements())
        .isEqualTo(Map.of("directory", List.of("engineering")));
    assertThat(configuration.rules()).hasSize(2);
    assertThat(configuration.rules().get(1).grant()).containsExactly("engineering");
  }

  @Test
  void theBrakesFloorIsConfigurableAndNeverNegative() {
    TenureConfiguration configuration =
        parse(
            MINIMAL_SOURCE
                + """
                targets:
                  directory:
                    type: ldap
                    username: givenName
                    guard: { minDisableCount: 3, window: P7D }
                """);
    assertThat(configuration.targets().get(0).guard())
        .isEqualTo(new GuardSettings(5, 500, Duration.ofDays(7), 3));
    assertThat(
            problems(
                MINIMAL_SOURCE
                    + """
                    targets:
                      directory:
                        type: ldap
                        username: givenName
                        guard: { minDisableCount: -1 }
                    """))
        .singleElement()
        .asString()
        .contains("targets.directory.guard.minDisableCount: -1 is outside");
  }

  @Test
  void anEmptyFileIsTheDefaultConfiguration() {
    TenureConfiguration configuration = parse("");
    assertThat(configuration.store()).isEqualTo(StoreSettings.embedded());
    assertThat(configuration.lifecycle()).isEqualTo(LifecycleSettings.defaults());
    assertThat(configuration.sources()).isEmpty();
  }

  @Test
  void defaultsApplyToAMinimalSourceAndTarget() {
    TenureConfiguration configuration =
        parse(
            MINIMAL_SOURCE
                + """
                targets:
                  directory: { type: ldap, username: givenName }
                """);
    SourceDefinition hr = configuration.sources().get(0);
    assertThat(hr.type()).isEqualTo("csv");
    assertThat(hr.file()).isEqualTo(FOLDER.resolve("people.csv"));
    assertThat(hr.lifecycle().dateFormat()).isEqualTo("yyyy-MM-dd");
    assertThat(hr.lifecycle().statusValues()).hasSize(3);
    TargetDefinition directory = configuration.targets().get(0);
    assertThat(directory.retention()).isEqualTo(Duration.ofDays(30));
    assertThat(directory.guard()).isEqualTo(GuardSettings.defaults());
    assertThat(directory.usernameMaxLength()).isEqualTo(64);
    assertThat(directory.connector().settings()).isEmpty();
  }

  @Test
  void aBadDurationNamesFileLineColumnAndKey() {
    assertThat(
            problems(
                """
                targets:
                  directory:
                    type: ldap
                    username: givenName
                    retention: 30 days
                """))
        .containsExactly(
            "tenure.yaml:5:16: targets.directory.retention: \"30 days\" is not an ISO-8601"
                + " duration such as P30D");
  }

  @Test
  void theEmbeddedStoresIdleTimeoutIsADurationOrOff() {
    assertThat(parse("store: {}\n").store().embeddedIdleTimeout())
        .isEqualTo(StoreSettings.DEFAULT_IDLE_TIMEOUT)
        .isEqualTo(java.time.Duration.ofMinutes(5));
    assertThat(parse("store:\n  embedded:\n    idleTimeout: PT30S\n").store().embeddedIdleTimeout())
        .isEqualTo(java.time.Duration.ofSeconds(30));
    assertThat(parse("store:\n  embedded:\n    idleTimeout: off\n").store().embeddedIdleTimeout())
        .isZero();
    assertThat(parse("store:\n  embedded:\n    idleTimeout: 0\n").store().embeddedIdleTimeout())
        .isZero();
    assertThat(problems("store:\n  embedded:\n    idleTimeout: 5 minutes\n"))
        .containsExactly(
            "tenure.yaml:3:18: store.embedded.idleTimeout: \"5 minutes\" is not an ISO-8601"
                + " duration such as PT5M, nor 0 or off");
  }

  @Test
  void theEnvironmentOverridesTheIdleTimeout() {
    StoreSettings file = parse("store:\n  embedded:\n    idleTimeout: PT1M\n").store();
    assertThat(file.withIdleTimeoutFrom(name -> null).embeddedIdleTimeout())
        .isEqualTo(java.time.Duration.ofMinutes(1));
    assertThat(
            file.withIdleTimeoutFrom(name -> name.equals("TENURE_STORE_IDLE_TIMEOUT") ? "0" : null)
                .embeddedIdleTimeout())
        .isZero();
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> file.withIdleTimeoutFrom(name -> "soon"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("TENURE_STORE_IDLE_TIMEOUT: 'soon' is not an idle timeout");
  }

  @Test
  void unknownKeysAreErrorsAtTheirPosition() {
    assertThat(
            problems(
                """
                store:
                  urll: jdbc:postgresql://x/y
                sourcse: {}
                """))
        .containsExactly(
            "tenure.yaml:2:3: store.urll: unknown key; expected one of [embedded, password, url,"
                + " username]",
            "tenure.yaml:3:1: sourcse: unknown key; expected one of [authority, lifecycle, notifications, queue, roles,"
                + " rules, scim, sod, sources, store, targets, webhooks]");
    assertThat(
            problems(
                MINIMAL_SOURCE.replace(
                    "key: employeeId", "key: employeeId\n    fallbackkeys: [x]")))
        .singleElement()
        .asString()
        .startsWith("tenure.yaml:5:5: sources.hr.fallbackkeys: unknown key");
  }

  @Test
  void missingRequiredKeysAreNamed() {
    assertThat(problems("sources:\n  hr:\n    file: people.csv\n"))
        .containsExactly(
            "tenure.yaml:3:5: sources.hr.key: is required",
            "tenure.yaml:3:5: sources.hr.attributes: is required");
    assertThat(problems("targets:\n  directory: { username: x }\n"))
        .containsExactly("tenure.yaml:2:14: targets.directory.type: is required");
  }

  @Test
  void aMissingEnvironmentVariableIsAnErrorNamingTheKey() {
    assertThat(problems("store:\n  url: jdbc:postgresql://h/db\n  password: ${env:NOT_SET}\n"))
        .containsExactly(
            "tenure.yaml:3:13: store.password: environment variable NOT_SET is not set");
  }

  @Test
  void aMissingSecretFileIsAnError() {
    assertThat(problems("store:\n  password: ${file:nowhere/secret}\n"))
        .singleElement()
        .asString()
        .startsWith("tenure.yaml:2:13: store.password: cannot read the secret file");
  }

  @Test
  void referencesMayBeEmbeddedInText() {
    TenureConfiguration configuration =
        parse(
            "store:\n  url: jdbc:postgresql://127.0.0.1/tenure?password=${env:TENURE_DB_PASSWORD}\n");
    assertThat(configuration.store().url())
        .isEqualTo("jdbc:postgresql://127.0.0.1/tenure?password=db-secret");
  }

  @Test
  void wrongShapesAndValuesAreReported() {
    assertThat(problems("sources: [a, b]\n"))
        .containsExactly(
            "tenure.yaml:1:10: sources: must be a mapping (key: value lines), not a list");
    assertThat(
            problems(
                MINIMAL_SOURCE
                    + """
                    targets:
                      directory:
                        type: ldap
                        username: givenName
                        usernameMaxLength: twenty
                        guard: { maxDisablePercent: 150 }
                    """))
        .containsExactly(
            "tenure.yaml:11:24: targets.directory.usernameMaxLength: \"twenty\" is not a whole"
                + " number",
            "tenure.yaml:12:33: targets.directory.guard.maxDisablePercent: 150 is outside 0..100");
    assertThat(
            problems(
                MINIMAL_SOURCE.replace(
                    "startDate: hire_date", "startDate: hire_date, statusValues: { gone: fired }")))
        .containsExactly(
            "tenure.yaml:6:78: sources.hr.lifecycle.statusValues.gone: \"fired\" is not one of"
                + " active, leave, terminated");
    assertThat(problems(MINIMAL_SOURCE.replace("key: employeeId", "key: email")))
        .containsExactly(
            "tenure.yaml:4:10: sources.hr.key: \"email\" is not one of the source's attributes"
                + " [employeeId]");
  }

  @Test
  void rolesAndRulesMustReferToWhatExists() {
    assertThat(
            problems(
                """
                roles:
                  a: { includes: [b] }
                  b: { includes: [a, c], entitlements: { nowhere: [x] } }
                rules:
                  - { name: r, when: "true", grant: [z] }
                  - { name: r, when: "true" }
                """))
        .containsExactly(
            "tenure.yaml:2:18: roles.a.includes: role \"a\" includes itself through its included"
                + " roles",
            "tenure.yaml:3:18: roles.b.includes: no role named \"c\"",
            "tenure.yaml:3:18: roles.b.includes: role \"b\" includes itself through its included"
                + " roles",
            "tenure.yaml:3:42: roles.b.entitlements.nowhere: no target named \"nowhere\"",
            "tenure.yaml:5:37: rules.r.grant: no role named \"z\"",
            "tenure.yaml:6:5: rules.r.grant: a rule must grant at least one role",
            "tenure.yaml:6:13: rules.r: another rule has the same name");
  }

  @Test
  void aConnectorTypeThatIsNotInstalledIsAnError() {
    YamlConfigurationLoader strict = new YamlConfigurationLoader(name -> null, Set.of("ldap"));
    assertThatThrownBy(
            () ->
                strict.parse(
                    "targets:\n  crm: { type: salesforce, username: x }\n", "t.yaml", FOLDER))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage(
            "t.yaml:2:16: targets.crm.type: \"salesforce\" is not an installed connector type [ldap]");
  }

  @Test
  void duplicateKeysAndBrokenYamlAreReportedWithTheirPosition() {
    assertThat(problems("store:\n  url: a\n  url: b\n"))
        .containsExactly("tenure.yaml:3:3: duplicate key 'url'");
    assertThat(problems("store: [\n")).singleElement().asString().startsWith("tenure.yaml:");
  }

  @Test
  void aMissingFileIsNamed() {
    assertThatThrownBy(() -> loader.load(Path.of("/nonexistent/tenure.yaml")))
        .hasMessageStartingWith(
            "/nonexistent/tenure.yaml: no such configuration file (name one with --config FILE");
  }

  @Test
  void scimMappingReadsIdentityAttributesFromUserPaths() {
    TenureConfiguration configuration =
        parse(
            """
            scim:
              mapping:
                costCenter: "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:costCenter"
                workPhone: 'phoneNumbers[type eq "work"].value'
                employeeId: "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber"
            """);
    assertThat(configuration.scim().userAttributes())
        .containsOnlyKeys("costCenter", "workPhone", "employeeId")
        .containsEntry("workPhone", "phoneNumbers[type eq \"work\"].value");
    assertThat(parse("store: {}\n").scim()).isEqualTo(ScimSettings.defaults());
  }

  @Test
  void whatTheScimPathCheckFindsIsAnErrorNamingItsPlace() {
    YamlConfigurationLoader checking =
        new YamlConfigurationLoader(
            name -> null,
            Set.of(),
            (attribute, path) ->
                path.startsWith("bad")
                    ? java.util.Optional.of(attribute + " cannot be read from " + path)
                    : java.util.Optional.empty());
    ConfigurationException thrown =
        org.assertj.core.api.Assertions.catchThrowableOfType(
            ConfigurationException.class,
            () ->
                checking.parse(
                    """
                    scim:
                      mapping:
                        costCenter: badPath
                        nickName: nickName
                      mappings: {}
                    """,
                    "tenure.yaml",
                    java.nio.file.Path.of("/etc/tenure")));
    assertThat(thrown.problems())
        .containsExactly(
            "tenure.yaml:3:17: scim.mapping.costCenter: costCenter cannot be read from badPath",
            "tenure.yaml:5:3: scim.mappings: unknown key; expected one of [mapping, roles]");
  }

  @Test
  void aSourceFilesEncodingIsReadAndAnUnknownOneIsNamed() {
    String source =
        """
        sources:
          hr:
            file: people.csv
            encoding: %s
            key: employeeId
            attributes: { employeeId: id }
            lifecycle: { status: status, startDate: start }
        """;
    assertThat(parse(source.formatted("ISO-8859-1")).sources().get(0).encoding())
        .isEqualTo(java.nio.charset.StandardCharsets.ISO_8859_1);
    assertThat(problems(source.formatted("latin-9x")))
        .containsExactly(
            "tenure.yaml:4:15: sources.hr.encoding: \"latin-9x\" is not a character encoding"
                + " Java knows (for example UTF-8, ISO-8859-1, windows-1252)");
  }
}
