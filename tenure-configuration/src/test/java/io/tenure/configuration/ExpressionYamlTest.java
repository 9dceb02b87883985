package io.tenure.configuration;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenure.engine.configuration.TenureConfiguration;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * CEL expressions compiled while loading ({@link YamlConfigurationLoader#compilingExpressions()}):
 * what does not compile is a problem at the expression, reported with every other problem.
 */
class ExpressionYamlTest {

  private final YamlConfigurationLoader loader =
      new YamlConfigurationLoader(Map.<String, String>of()::get, Set.of()).compilingExpressions();

  private static final String SOURCE =
      """
      sources:
        hr:
          file: people.csv
          key: employeeId
          attributes: { employeeId: id, givenName: first, familyName: last, department: dept }
          lifecycle: { status: status, startDate: start }
      """;

  private TenureConfiguration parse(String yaml) {
    return loader.parse(yaml, "tenure.yaml", Path.of("/etc/tenure"));
  }

  private List<String> problems(String yaml) {
    try {
      parse(yaml);
    } catch (ConfigurationException e) {
      return e.problems();
    }
    throw new AssertionError("expected the configuration to be rejected:\n" + yaml);
  }

  @Test
  void expressionsOverDeclaredAttributesLoad() {
    TenureConfiguration configuration =
        parse(
            SOURCE
                + """
                targets:
                  directory:
                    type: ldap
                    username: initial(givenName) + familyName
                    attributes: { cn: "givenName + ' ' + familyName", ou: department }
                roles:
                  staff: { entitlements: { directory: [staff] } }
                rules:
                  - { name: engineers, when: "department == 'Engineering'", grant: [staff] }
                """);
    assertThat(configuration.rules().get(0).when()).isEqualTo("department == 'Engineering'");
    assertThat(configuration.targets().get(0).usernameExpression())
        .isEqualTo("initial(givenName) + familyName");
  }

  @Test
  void aMisspeltAttributeInARuleNamesFileLineColumnAndKey() {
    assertThat(
            problems(
                SOURCE
                    + """
                    roles:
                      staff: {}
                    rules:
                      - name: engineers
                        when: departmnet == 'Engineering'
                        grant: [staff]
                    """))
        .singleElement()
        .asString()
        .startsWith("tenure.yaml:11:11: rules.engineers.when: undeclared reference to 'departmnet'")
        .doesNotContain("\n");
  }

  @Test
  void targetExpressionsAreCompiledAtTheirValues() {
    assertThat(
            problems(
                SOURCE
                    + """
                    targets:
                      directory:
                        type: ldap
                        username: initial(givenName) +
                        attributes: { cn: "[givenName]", mail: email }
                    """))
        .satisfiesExactly(
            problem ->
                assertThat(problem).startsWith("tenure.yaml:10:15: targets.directory.username: "),
            problem ->
                assertThat(problem)
                    .startsWith(
                        "tenure.yaml:11:23: targets.directory.attributes.cn: an expression must"
                            + " yield a string, number or boolean"),
            problem ->
                assertThat(problem)
                    .startsWith(
                        "tenure.yaml:11:44: targets.directory.attributes.mail: undeclared"
                            + " reference to 'email'"));
  }

  @Test
  void aConditionMustYieldABoolean() {
    assertThat(
            problems(
                SOURCE
                    + "roles: { staff: {} }\n"
                    + "rules: [ { name: everyone, when: givenName, grant: [staff] } ]\n"))
        .containsExactly(
            "tenure.yaml:8:34: rules.everyone.when: a condition must yield a boolean, but this"
                + " yields string");
  }

  @Test
  void aRuleWithoutANameIsNamedByItsIndex() {
    assertThat(problems("roles: { staff: {} }\nrules:\n  - { when: \"x == 1\", grant: [staff] }\n"))
        .satisfiesExactly(
            problem -> assertThat(problem).isEqualTo("tenure.yaml:3:5: rules[0].name: is required"),
            problem ->
                assertThat(problem)
                    .startsWith("tenure.yaml:3:13: rules[0].when: undeclared reference to 'x'"));
  }

  @Test
  void expressionProblemsAreSortedAmongTheOtherProblemsOfTheFile() {
    assertThat(
            problems(
                """
                targets:
                  directory: { type: ldap, username: nobody, retention: soon }
                sources:
                  hr:
                    file: people.csv
                    key: employeeId
                    attributes: { employeeId: id }
                    lifecycle: { status: status, startDate: start, colour: blue }
                """))
        .satisfiesExactly(
            problem ->
                assertThat(problem)
                    .startsWith("tenure.yaml:2:38: targets.directory.username: undeclared"),
            problem ->
                assertThat(problem)
                    .startsWith("tenure.yaml:2:57: targets.directory.retention: \"soon\" is not"),
            problem ->
                assertThat(problem)
                    .startsWith("tenure.yaml:8:52: sources.hr.lifecycle.colour: unknown key"));
  }

  @Test
  void attributesOfASourceWithProblemsAreStillDeclared() {
    assertThat(
            problems(
                """
                sources:
                  hr:
                    key: employeeId
                    attributes: { employeeId: id, givenName: first }
                    lifecycle: { status: status, startDate: start }
                targets:
                  directory: { type: ldap, username: givenName }
                """))
        .containsExactly("tenure.yaml:3:5: sources.hr.file: is required");
  }

  @Test
  void attributesReadFromScimMayBeNamed() {
    TenureConfiguration configuration =
        parse(
            """
            scim:
              mapping: { costCenter: "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:costCenter" }
            roles: { finance: {} }
            rules: [ { name: finance, when: "costCenter == '42'", grant: [finance] } ]
            """);
    assertThat(configuration.rules()).hasSize(1);
  }

  @Test
  void anAttributeNameThatExpressionsCannotNameIsAProblemAtItsKey() {
    assertThat(problems(SOURCE.replace("department: dept", "hire-date: start")))
        .singleElement()
        .asString()
        .startsWith(
            "tenure.yaml:5:71: sources.hr.attributes.hire-date: attribute name 'hire-date' cannot"
                + " be used in expressions");
  }

  @Test
  void secretReferencesInExpressionsAreResolvedFirst() {
    YamlConfigurationLoader withVariable =
        new YamlConfigurationLoader(Map.of("FIELD", "givenName")::get, Set.of())
            .compilingExpressions();
    assertThat(
            withVariable
                .parse(
                    SOURCE + "targets:\n  directory: { type: ldap, username: \"${env:FIELD}\" }\n",
                    "tenure.yaml",
                    Path.of("/etc/tenure"))
                .targets()
                .get(0)
                .usernameExpression())
        .isEqualTo("givenName");
  }

  @Test
  void aLoaderThatDoesNotCompileExpressionsLeavesThemToThePolicy() {
    YamlConfigurationLoader notCompiling =
        new YamlConfigurationLoader(Map.<String, String>of()::get, Set.of());
    assertThat(
            notCompiling
                .parse(
                    "targets:\n  directory: { type: ldap, username: nobody }\n",
                    "tenure.yaml",
                    Path.of("/etc/tenure"))
                .targets())
        .hasSize(1);
  }
}
