package io.tenure.cli;

import io.tenure.cli.demo.DemoStep;
import io.tenure.cli.demo.DemoStory;
import io.tenure.cli.demo.DirectoryView;
import io.tenure.cli.demo.SettableClock;
import io.tenure.configuration.YamlConfigurationLoader;
import io.tenure.connector.ldap.InMemoryDirectory;
import io.tenure.engine.audit.AuditLog;
import io.tenure.engine.configuration.TenureConfiguration;
import io.tenure.engine.configuration.TenureHome;
import io.tenure.engine.identity.IdentityRepository;
import io.tenure.engine.provisioning.Provisioning;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;

/**
 * {@code tenure demo}: the bundled story on the embedded default. Starts an in-process LDAP
 * directory and the embedded PostgreSQL (its own store under {@code TENURE_HOME/demo}, emptied at
 * every run so the story always starts from nothing) and tells the story step by step.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Tells Tenure's story on the embedded default, with no external server: 200 people from"
          + " bundled HR snapshots provisioned into an in-process LDAP directory, through"
          + " joiners, movers, a leave of absence, leavers, a rehire and a retention delete.",
      "At each step it shows the plan with its reasons and the resulting accounts and groups.",
      "Its store lives in TENURE_HOME/demo and is emptied at every run; your own store is not"
          + " touched."
    })
final class DemoCommand implements Callable<Integer> {

  static final List<String> SNAPSHOTS =
      List.of(
          "hr-1-initial-load.csv",
          "hr-2-transfer-and-promotion.csv",
          "hr-3-leave-of-absence.csv",
          "hr-4-termination.csv",
          "hr-5-rehire.csv");

  private final CliEnvironment environment;

  DemoCommand(CliEnvironment environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() {
    Path work = environment.home().path().resolve("demo");
    TenureHome demoHome = new TenureHome(demoHome(environment.home())).create();
    Path snapshots = copySnapshots(work.resolve("hr"));
    String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
    SettableClock clock =
        new SettableClock(
            DemoStep.story().get(0).date().atStartOfDay().toInstant(java.time.ZoneOffset.UTC));
    try (InMemoryDirectory directory = InMemoryDirectory.start(password)) {
      Map<String, String> variables =
          Map.of(
              "DEMO_LDAP_URL",
              directory.url(),
              "DEMO_LDAP_PASSWORD",
              password,
              "DEMO_PEOPLE_BASE",
              InMemoryDirectory.PEOPLE,
              "DEMO_GROUPS_BASE",
              InMemoryDirectory.GROUPS);
      TenureConfiguration configuration =
          new YamlConfigurationLoader(variables::get, Set.of())
              .compilingExpressions()
              .parse(resource("demo/tenure.yaml"), "demo/tenure.yaml", snapshots);
      environment.out().println("Tenure demo");
      environment
          .out()
          .printf(
              "  store: embedded PostgreSQL in %s%n  directory: in-process LDAP at %s (%s)%n",
              demoHome.postgresDirectory(), directory.url(), InMemoryDirectory.PEOPLE);
      TenureLaunch launch =
          environment
              .launchCustomizer()
              .apply(new TenureLaunch(demoHome, configuration, clock).withEmptyStore());
      try (ConfigurableApplicationContext context = environment.launcher().start(launch)) {
        DirectoryView view =
            new DirectoryView(
                directory.url(),
                InMemoryDirectory.ADMIN,
                password,
                InMemoryDirectory.PEOPLE,
                InMemoryDirectory.GROUPS,
                "pwdAccountLockedTime");
        DemoStory story =
            new DemoStory(
                context.getBean(Provisioning.class),
                context.getBean(IdentityRepository.class),
                context.getBean(AuditLog.class),
                clock,
                view,
                snapshots,
                "hr",
                environment.out());
        boolean clean = story.runAll().stream().allMatch(DemoStory.StepResult::clean);
        environment.out().println();
        environment
            .out()
            .println(
                clean
                    ? "The story is told. Every change above is in the audit log with its reason;"
                        + " try ./tenure --help for plan, apply and audit on your own"
                        + " tenure.yaml."
                    : "The story ended with failures: see the steps above.");
        return clean ? TenureCli.SUCCESS : TenureCli.FAILURE;
      }
    }
  }

  private static Path copySnapshots(Path folder) {
    try {
      Files.createDirectories(folder);
      for (String snapshot : SNAPSHOTS) {
        try (InputStream in = open("demo/" + snapshot)) {
          Files.copy(in, folder.resolve(snapshot), StandardCopyOption.REPLACE_EXISTING);
        }
      }
      return folder;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the demo's HR files in " + folder, e);
    }
  }

  private static String resource(String name) {
    try (InputStream in = open(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the bundled " + name, e);
    }
  }

  private static InputStream open(String name) throws IOException {
    InputStream in = DemoCommand.class.getClassLoader().getResourceAsStream(name);
    if (in == null) {
      throw new IOException("the bundled resource " + name + " is missing from the jar");
    }
    return in;
  }

  /** Where the demo keeps its own Tenure home (its store) inside {@code home}. */
  static Path demoHome(TenureHome home) {
    return home.path().resolve("demo").resolve("home");
  }
}
