package io.tenure.cli;

import io.tenure.configuration.ConfigurationException;
import io.tenure.connector.ldap.LdapProbe;
import io.tenure.connector.spi.Connector;
import io.tenure.connector.spi.ConnectorConfiguration;
import io.tenure.connector.spi.TestCapability;
import io.tenure.engine.configuration.SourceConnection;
import io.tenure.engine.configuration.SourceDefinition;
import io.tenure.engine.configuration.TargetDefinition;
import io.tenure.engine.configuration.TenureConfiguration;
import io.tenure.engine.connector.ConnectorRegistry;
import io.tenure.engine.ingest.SourceFileException;
import io.tenure.engine.ingest.SourceRead;
import io.tenure.engine.ingest.SourceReaders;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code tenure check}: validates the configuration, then tests each source and target without
 * changing anything, one line per check ({@code ok} or {@code FAIL}); exit code 1 when one failed.
 */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = {
      "Validates tenure.yaml and tests each source and target without changing anything, one line"
          + " per check (ok or FAIL): a source's file or table can be read and has the mapped"
          + " columns; a target answers, the bind works, its bases exist and (LDAP) its schema has"
          + " the mapped attributes and object classes. Exit code 1 when a check fails."
    })
final class CheckCommand extends StoreCommand implements Callable<Integer> {

  private int failures;

  CheckCommand(CliEnvironment environment) {
    super(environment);
  }

  @Override
  public Integer call() {
    PrintWriter out = environment.out();
    TenureConfiguration configuration;
    try {
      configuration = loadConfiguration();
    } catch (ConfigurationException e) {
      for (String problem : e.problems()) {
        line(false, "configuration", problem);
      }
      return TenureCli.FAILURE;
    }
    line(
        true,
        "configuration " + configFile(),
        configuration.sources().size()
            + " sources, "
            + configuration.targets().size()
            + " targets, "
            + configuration.roles().size()
            + " roles, "
            + configuration.rules().size()
            + " rules");
    SourceReaders readers = SourceReaders.load();
    for (SourceDefinition source : configuration.sources()) {
      checkSource(readers, source);
    }
    try (ConnectorRegistry connectors = ConnectorRegistry.load(configuration.targets())) {
      for (TargetDefinition target : configuration.targets()) {
        checkTarget(connectors, target);
      }
    }
    out.flush();
    return failures == 0 ? TenureCli.SUCCESS : TenureCli.FAILURE;
  }

  private void checkSource(SourceReaders readers, SourceDefinition source) {
    String subject = "source " + source.name();
    try (SourceRead read = readers.readerOf(source).open(source, Optional.empty())) {
      line(
          true,
          subject,
          source.sourceConnection().map(SourceConnection::describe).orElse("file " + source.file())
              + " can be read and has every mapped column");
    } catch (SourceFileException e) {
      line(false, subject, e.problem().render());
    } catch (RuntimeException e) {
      line(false, subject, TenureCli.describe(e));
    }
  }

  private void checkTarget(ConnectorRegistry connectors, TargetDefinition target) {
    String subject = "target " + target.id().value();
    Connector connector;
    try {
      connector = connectors.connector(target.id());
    } catch (RuntimeException e) {
      line(false, subject, TenureCli.describe(e));
      return;
    }
    if (connector instanceof TestCapability testable) {
      try {
        testable.test();
        line(true, subject, "answers; the bind and the configured bases work");
      } catch (RuntimeException e) {
        line(false, subject, TenureCli.describe(e));
      }
    } else {
      line(true, subject, "its connector was created (type " + target.type() + " has no test)");
    }
    if (target.type().equals("ldap")) {
      checkSchema(subject, target);
    }
  }

  private void checkSchema(String subject, TargetDefinition target) {
    ConnectorConfiguration settings = target.connector();
    Set<String> attributes = new LinkedHashSet<>(target.attributes().keySet());
    attributes.add(settings.get("accounts.rdn", "uid"));
    settings.optional("disable.attribute").ifPresent(attributes::add);
    List<String> classes =
        settings.list("accounts.objectClasses").isEmpty()
            ? List.of("top", "person", "organizationalPerson", "inetOrgPerson")
            : settings.list("accounts.objectClasses");
    try (LdapProbe probe =
        LdapProbe.connect(
            settings.required("url"),
            settings.optional("bindDn").orElse(null),
            settings.optional("password").orElse(null))) {
      List<String> problems = new ArrayList<>();
      List<String> unknownAttributes = probe.unknownAttributeTypes(attributes);
      if (!unknownAttributes.isEmpty()) {
        problems.add("attribute types " + String.join(", ", unknownAttributes));
      }
      List<String> unknownClasses = probe.unknownObjectClasses(classes);
      if (!unknownClasses.isEmpty()) {
        problems.add("object classes " + String.join(", ", unknownClasses));
      }
      if (problems.isEmpty()) {
        line(
            true,
            subject + " schema",
            "defines " + String.join(", ", attributes) + " and " + String.join(", ", classes));
      } else {
        line(false, subject + " schema", "does not define " + String.join("; ", problems));
      }
    } catch (RuntimeException e) {
      line(false, subject + " schema", TenureCli.describe(e));
    }
  }

  private void line(boolean ok, String subject, String detail) {
    if (!ok) {
      failures++;
    }
    environment.out().println((ok ? "ok    " : "FAIL  ") + subject + ": " + detail);
  }
}
