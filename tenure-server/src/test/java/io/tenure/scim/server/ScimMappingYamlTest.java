package io.tenure.scim.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenure.configuration.ConfigurationException;
import io.tenure.configuration.YamlConfigurationLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code scim.mapping} in tenure.yaml, checked against the SCIM server's User schemas. */
class ScimMappingYamlTest {

  private static List<String> problems(String yaml) {
    try {
      new YamlConfigurationLoader(name -> null, Set.of(), ScimUserPaths::problem)
          .parse(yaml, "tenure.yaml", Path.of("/etc/tenure"));
    } catch (ConfigurationException e) {
      return e.problems();
    }
    throw new AssertionError("expected the configuration to be rejected:\n" + yaml);
  }

  @Test
  void aScimMappingThatCannotWorkIsAnErrorNamingItsPlace() {
    assertThat(
            problems(
                """
                scim:
                  mapping:
                    costCenter: "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:costCentre"
                    employeeId: nickName
                    home: addresses
                    secret: password
                    phone: "phoneNumbers[type eq"
                    cityFilter: 'name[givenName eq "x"].familyName'
                  mappings: {}
                """))
        .hasSize(7)
        .anySatisfy(
            problem ->
                assertThat(problem)
                    .startsWith("tenure.yaml:3:17: scim.mapping.costCenter: \"urn:")
                    .contains("is not an attribute of the User schemas that holds a value"))
        .contains(
            "tenure.yaml:4:17: scim.mapping.employeeId: employeeId is read from"
                + " urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber by"
                + " the fixed mapping, which cannot be changed",
            "tenure.yaml:9:3: scim.mappings: unknown key; expected one of [mapping, roles]")
        .anySatisfy(
            problem -> assertThat(problem).startsWith("tenure.yaml:5:11: scim.mapping.home:"))
        .anySatisfy(
            problem -> assertThat(problem).startsWith("tenure.yaml:6:13: scim.mapping.secret:"))
        .anySatisfy(
            problem ->
                assertThat(problem)
                    .startsWith(
                        "tenure.yaml:7:12: scim.mapping.phone: \"phoneNumbers[type eq\" is"
                            + " not a SCIM attribute path"))
        .anySatisfy(
            problem ->
                assertThat(problem)
                    .startsWith("tenure.yaml:8:17: scim.mapping.cityFilter:")
                    .contains("a value filter goes on a multi-valued attribute"));
  }
}
