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
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module directions of DESIGN.md §2 and docs/architecture.md, checked over every Tenure module
 * on the server's class path: core and connector-spi depend on nothing of ours and not on each
 * other; a connector depends only on connector-spi; the engine never on a concrete connector or on
 * the modules above it; the store, the SCIM server, the web API, the CLI and the configuration
 * binder depend on the engine and core, not on each other (the CLI and the composition root read
 * the configuration binder); a source reader ({@code io.tenure.source.*}) depends only on the
 * engine and core, and only the composition root knows it; the store knows no HTTP and no CLI;
 * frameworks never reach the core, the engine, the connectors or the source readers.
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
          "io.tenure.governance.",
          "io.tenure.source.jdbc.",
          "io.tenure.source.ldap.",
          "io.tenure.store.",
          "io.tenure.configuration.",
          "io.tenure.scim.server.",
          "io.tenure.web.",
          "io.tenure.cli.",
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
        .dependOnClassesThat(
            DescribedPredicate.describe(
                "are Tenure classes outside the core",
                (JavaClass type) ->
                    type.getPackageName().startsWith("io.tenure.")
                        && !type.getPackageName().startsWith("io.tenure.core")))
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
  void theEngineNeverDependsOnAConcreteConnectorOrAModuleAboveIt() {
    noClasses()
        .that()
        .resideInAPackage("io.tenure.engine..")
        .should()
        .dependOnClassesThat(
            DescribedPredicate.describe(
                "are a concrete connector or a module above the engine",
                (JavaClass type) ->
                    ABOVE_THE_ENGINE.stream().anyMatch(type.getPackageName()::startsWith)
                        || (type.getPackageName().startsWith("io.tenure.connector.")
                            && !type.getPackageName().startsWith("io.tenure.connector.spi"))))
        .check(tenure);
  }

  /** The modules built on the engine. */
  private static final List<String> ABOVE_THE_ENGINE =
      List.of(
          "io.tenure.governance",
          "io.tenure.source",
          "io.tenure.store",
          "io.tenure.scim.server",
          "io.tenure.web",
          "io.tenure.cli",
          "io.tenure.configuration",
          "io.tenure.server");

  /**
   * A source reader (a module per source type, found through ServiceLoader) reads with the engine's
   * ingest types and nothing else of ours: no connector, no store, no other source reader.
   */
  @Test
  void sourceReadersDependOnlyOnTheEngineCoreAndThemselves() {
    classes()
        .that()
        .resideInAPackage("io.tenure.source..")
        .should(
            new ArchCondition<JavaClass>("depend only on the engine, core and their own reader") {
              @Override
              public void check(JavaClass type, ConditionEvents events) {
                String own = modulePackage(type.getPackageName(), "io.tenure.source.");
                for (Dependency dependency : type.getDirectDependenciesFromSelf()) {
                  String target = dependency.getTargetClass().getPackageName();
                  boolean ours = target.startsWith("io.tenure.");
                  boolean allowed =
                      target.startsWith("io.tenure.engine")
                          || target.startsWith("io.tenure.core")
                          || target.startsWith(own);
                  if (ours && !allowed) {
                    events.add(
                        SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                  }
                }
              }
            })
        .check(tenure);
  }

  @Test
  void onlyTheCompositionRootKnowsTheSourceReaders() {
    noClasses()
        .that()
        .resideOutsideOfPackages("io.tenure.server..", "io.tenure.source..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.tenure.source..")
        .check(tenure);
  }

  @Test
  void theStoreKnowsNoHttpNoCliAndNoOtherModuleAboveTheEngine() {
    noClasses()
        .that()
        .resideInAPackage("io.tenure.store..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.tenure.scim.server..",
            "io.tenure.web..",
            "io.tenure.cli..",
            "io.tenure.configuration..",
            "io.tenure.server..",
            "org.springframework.web..",
            "org.springframework.http..",
            "jakarta.servlet..",
            "picocli..")
        .check(tenure);
  }

  @Test
  void theScimServerAndTheWebApiDoNotDependOnEachOtherNorOnTheStore() {
    noClasses()
        .that()
        .resideInAPackage("io.tenure.scim.server..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.tenure.web..",
            "io.tenure.store..",
            "io.tenure.cli..",
            "io.tenure.configuration..",
            "io.tenure.server..")
        .check(tenure);
    noClasses()
        .that()
        .resideInAPackage("io.tenure.web..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.tenure.scim.server..",
            "io.tenure.store..",
            "io.tenure.cli..",
            "io.tenure.configuration..",
            "io.tenure.server..")
        .check(tenure);
  }

  @Test
  void theCliAndTheConfigurationBinderKnowNeitherTheStoreNorHttp() {
    noClasses()
        .that()
        .resideInAPackage("io.tenure.cli..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.tenure.store..", "io.tenure.scim.server..", "io.tenure.web..", "io.tenure.server..")
        .check(tenure);
    noClasses()
        .that()
        .resideInAPackage("io.tenure.configuration..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.tenure.store..",
            "io.tenure.scim.server..",
            "io.tenure.web..",
            "io.tenure.cli..",
            "io.tenure.server..")
        .check(tenure);
  }

  /**
   * Governance (requests, campaigns, reports, personal data, audit streaming) is application
   * services over the engine: it knows no store, HTTP, CLI, configuration binder or composition
   * root.
   */
  @Test
  void governanceDependsOnlyOnTheEngineBelowIt() {
    noClasses()
        .that()
        .resideInAPackage("io.tenure.governance..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.tenure.source..",
            "io.tenure.store..",
            "io.tenure.scim.server..",
            "io.tenure.web..",
            "io.tenure.cli..",
            "io.tenure.configuration..",
            "io.tenure.server..",
            "io.tenure.connector.ldap..",
            "io.tenure.connector.scim..",
            "io.tenure.connector.jdbc..",
            "io.tenure.connector.csv..",
            "io.tenure.connector.connid..")
        .check(tenure);
  }

  @Test
  void frameworksNeverReachTheCoreTheEngineOrTheConnectors() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "io.tenure.core..",
            "io.tenure.engine..",
            "io.tenure.governance..",
            "io.tenure.connector..",
            "io.tenure.source..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.springframework..", "javax.inject..", "jakarta.inject..")
        .check(tenure);
  }

  /**
   * Jakarta APIs stay in the HTTP modules and the composition root, except the JAX-RS client API
   * that the SCIM connector's SCIM client library is built on (a client library, not a framework
   * hosting our code).
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
    return modulePackage(packageName, "io.tenure.connector.");
  }

  /** The package of the module under {@code prefix} that the package belongs to. */
  private static String modulePackage(String packageName, String prefix) {
    int end = packageName.indexOf('.', prefix.length());
    return end < 0 ? packageName : packageName.substring(0, end);
  }
}
