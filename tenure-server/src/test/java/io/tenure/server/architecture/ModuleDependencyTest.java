package io.tenure.server.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module directions of DESIGN.md §2, checked over every Tenure module on the server's class
 * path: core and connector-spi depend on nothing of ours and not on each other; a connector depends
 * only on connector-spi; the engine never on a concrete connector or the server; Spring and Jakarta
 * appear only in the server.
 */
class ModuleDependencyTest {

  private static JavaClasses tenure;

  @BeforeAll
  static void importClasses() {
    tenure =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            // a connector's test-jar (its contract tests, run against Tenure's server) is tests too
            .withImportOption(location -> !location.contains("-tests.jar"))
            .importPackages("io.tenure");
  }

  @Test
  void everyModuleIsOnTheClassPath() {
    for (String module :
        new String[] {
          "io.tenure.core.",
          "io.tenure.connector.spi.",
          "io.tenure.connector.ldap.",
          "io.tenure.connector.scim.",
          "io.tenure.connector.jdbc.",
          "io.tenure.connector.csv.",
          "io.tenure.connector.connid.",
          "io.tenure.engine.",
          "io.tenure.store.",
          "io.tenure.configuration.",
          "io.tenure.scim.server.",
          "io.tenure.web.",
          "io.tenure.server."
        }) {
      assertThat(tenure.stream().anyMatch(type -> type.getName().startsWith(module)))
          .as(module)
          .isTrue();
    }
  }

  @Test
  void coreDependsOnNothingOfOurs() {
    noClasses()
        .that()
        .resideInAPackage("io.tenure.core..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.tenure.connector..", "io.tenure.engine..", "io.tenure.server..")
        .check(tenure);
  }

  @Test
  void theConnectorSpiDependsOnNothingOfOurs() {
    noClasses()
        .that()
        .resideInAPackage("io.tenure.connector.spi..")
        .should()
        .dependOnClassesThat(
            DescribedPredicate.describe(
                "are Tenure classes outside the connector SPI",
                (JavaClass type) ->
                    type.getPackageName().startsWith("io.tenure.")
                        && !type.getPackageName().startsWith("io.tenure.connector.spi")))
        .check(tenure);
  }

  @Test
  void connectorsDependOnlyOnTheSpi() {
    classes()
        .that()
        .resideInAPackage("io.tenure.connector..")
        .and()
        .resideOutsideOfPackage("io.tenure.connector.spi..")
        .should(dependOnlyOnTheSpiAndThemselves())
        .check(tenure);
  }

  @Test
  void theEngineNeverDependsOnAConcreteConnectorOrTheServer() {
    noClasses()
        .that()
        .resideInAPackage("io.tenure.engine..")
        .should()
        .dependOnClassesThat(
            DescribedPredicate.describe(
                "are the server or a concrete connector",
                (JavaClass type) ->
                    type.getPackageName().startsWith("io.tenure.server")
                        || (type.getPackageName().startsWith("io.tenure.connector.")
                            && !type.getPackageName().startsWith("io.tenure.connector.spi"))))
        .check(tenure);
  }

  @Test
  void frameworksAppearOnlyInTheServer() {
    noClasses()
        .that()
        .resideOutsideOfPackages(
            "io.tenure.server..",
            "io.tenure.store..",
            "io.tenure.configuration..",
            "io.tenure.scim.server..",
            "io.tenure.web..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.springframework..", "javax.inject..", "jakarta.inject..")
        .check(tenure);
  }

  /**
   * Jakarta APIs stay in the server, except the JAX-RS client API that the SCIM connector's SCIM
   * client library is built on (a client library, not a framework hosting our code).
   */
  @Test
  void jakartaApisAppearOnlyInTheServerAndTheScimClient() {
    noClasses()
        .that()
        .resideOutsideOfPackages(
            "io.tenure.server..",
            "io.tenure.scim.server..",
            "io.tenure.web..",
            "io.tenure.connector.scim..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("jakarta..")
        .check(tenure);
    noClasses()
        .that()
        .resideInAPackage("io.tenure.connector.scim..")
        .should()
        .dependOnClassesThat(
            DescribedPredicate.describe(
                "are Jakarta APIs other than the JAX-RS client",
                (JavaClass type) ->
                    type.getPackageName().startsWith("jakarta.")
                        && !type.getPackageName().startsWith("jakarta.ws.rs")))
        .check(tenure);
  }

  /** A connector's dependencies on Tenure stay within its own package and the SPI. */
  private static ArchCondition<JavaClass> dependOnlyOnTheSpiAndThemselves() {
    return new ArchCondition<>("depend only on the connector SPI and their own connector") {
      @Override
      public void check(JavaClass type, ConditionEvents events) {
        String own = connectorPackage(type.getPackageName());
        for (Dependency dependency : type.getDirectDependenciesFromSelf()) {
          String target = dependency.getTargetClass().getPackageName();
          boolean ours = target.startsWith("io.tenure.");
          boolean allowed = target.startsWith("io.tenure.connector.spi") || target.startsWith(own);
          if (ours && !allowed) {
            events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
          }
        }
      }
    };
  }

  /** {@code io.tenure.connector.ldap.internal} gives {@code io.tenure.connector.ldap}. */
  private static String connectorPackage(String packageName) {
    String prefix = "io.tenure.connector.";
    int end = packageName.indexOf('.', prefix.length());
    return end < 0 ? packageName : packageName.substring(0, end);
  }
}
