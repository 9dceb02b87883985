package io.tenure.server.story;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPURL;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import io.tenure.cli.TenureLaunch;
import io.tenure.cli.demo.DemoStep;
import io.tenure.cli.demo.DemoStory;
import io.tenure.cli.demo.DemoStory.StepResult;
import io.tenure.cli.demo.DirectoryView;
import io.tenure.cli.demo.DirectoryView.AccountView;
import io.tenure.cli.demo.SettableClock;
import io.tenure.configuration.YamlConfigurationLoader;
import io.tenure.engine.audit.AuditLog;
import io.tenure.engine.configuration.TenureConfiguration;
import io.tenure.engine.configuration.TenureHome;
import io.tenure.engine.identity.IdentityRepository;
import io.tenure.engine.provisioning.Provisioning;
import io.tenure.server.TenureApplication;
import io.tenure.server.guard.LdapUnit;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

/**
 * The business story end to end against a real OpenLDAP: a new engineer joins, another is a
 * pre-hire, one moves to sales, one is promoted, one goes on leave and comes back, two leave, one
 * is rehired, a leaver's account is deleted after retention. Each step imports an HR snapshot,
 * plans and applies; the test then reads the directory directly. The store is chosen by the
 * subclass. Everything happens under a fresh organisational unit of the shared server, removed at
 * the end.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class StoryContract {

  private static final String LDAP_URL =
      System.getProperty("tenure.it.ldap.url", "ldap://127.0.0.1:3389");
  private static final String ADMIN = "cn=admin,dc=example,dc=com";
  private static final String PASSWORD = "secret";

  private final String unit =
      "ou=story-" + UUID.randomUUID().toString().substring(0, 8) + ",dc=example,dc=com";
  private final StringWriter printed = new StringWriter();
  private Path folder;
  private ConfigurableApplicationContext context;
  private DemoStory story;
  private DirectoryView directory;
  private Provisioning provisioning;
  private final List<DemoStep> steps = DemoStep.story();

  /** Puts the launch on the store under test. */
  protected abstract UnaryOperator<TenureLaunch> store();

  /** Prepares the store before the application starts (a database to create, say). */
  protected void createStore() throws Exception {}

  /** Removes what {@link #createStore()} made, after the application stopped. */
  protected void dropStore() throws Exception {}

  @BeforeAll
  void start() throws Exception {
    createStore();
    folder = Files.createTempDirectory("tenure-story");
    try (LDAPConnection connection = admin()) {
      connection.add("dn: " + unit, "objectClass: organizationalUnit", "ou: " + unitName());
      connection.add("dn: ou=people," + unit, "objectClass: organizationalUnit", "ou: people");
      connection.add("dn: ou=groups," + unit, "objectClass: organizationalUnit", "ou: groups");
    }
    Path snapshots = Files.createDirectories(folder.resolve("hr"));
    for (DemoStep step : steps) {
      copy("demo/" + step.snapshot(), snapshots.resolve(step.snapshot()));
    }
    Map<String, String> variables = LdapUnit.variables(unit);
    TenureConfiguration configuration =
        new YamlConfigurationLoader(variables::get, Set.of())
            .parse(read("demo/tenure.yaml"), "demo/tenure.yaml", snapshots);
    SettableClock clock = new SettableClock(Instant.parse("2026-01-05T08:00:00Z"));
    TenureLaunch launch =
        store()
            .apply(new TenureLaunch(new TenureHome(folder.resolve("home")), configuration, clock));
    context = TenureApplication.start(launch);
    provisioning = context.getBean(Provisioning.class);
    directory =
        new DirectoryView(
            LDAP_URL,
            ADMIN,
            PASSWORD,
            "ou=people," + unit,
            "ou=groups," + unit,
            "pwdAccountLockedTime");
    story =
        new DemoStory(
            provisioning,
            context.getBean(IdentityRepository.class),
            context.getBean(AuditLog.class),
            clock,
            directory,
            snapshots,
            "hr",
            new PrintWriter(printed, true));
  }

  @AfterAll
  void stop() throws Exception {
    if (context != null) {
      context.close();
    }
    dropStore();
    try (LDAPConnection connection = admin()) {
      LdapUnit.deleteSubtree(connection, unit);
    }
    FileSystemUtils.deleteRecursively(folder);
  }

  @Test
  @Order(1)
  void joinersGetAccountsAndBirthrightGroupsAndAPreHireIsPreparedDisabled() throws Exception {
    StepResult result = run(0);
    assertThat(result.imported().imports().get(0).created()).isEqualTo(200);
    assertThat(account("amartin")).hasValueSatisfying(enabledIn("engineering", "staff", "vpn"));
    assertThat(account("fli"))
        .hasValueSatisfying(
            view -> {
              assertThat(view.enabled()).isFalse();
              assertThat(view.groups()).containsExactly("engineering", "staff", "vpn");
            });
    assertThat(account("ghopper")).isEmpty();
    // people with the same name, punctuation, diacritics and no Latin letters at all
    assertThat(account("jsmith")).isPresent();
    assertThat(account("jsmith2")).isPresent();
    assertThat(account("rsmithjr"))
        .hasValueSatisfying(view -> assertThat(view.commonName()).isEqualTo("Robert Smith, Jr."));
    assertThat(account("pobrien"))
        .hasValueSatisfying(view -> assertThat(view.commonName()).isEqualTo("Patrick O'Brien"));
    assertThat(account("sparen"))
        .hasValueSatisfying(view -> assertThat(view.commonName()).isEqualTo("Star* (Paren)"));
    assertThat(account("znunez"))
        .hasValueSatisfying(view -> assertThat(view.commonName()).isEqualTo("Zoë Ñúñez"));
    assertThat(account("ue1010"))
        .hasValueSatisfying(view -> assertThat(view.commonName()).isEqualTo("小龍 李"));
    assertThat(directory.census().accounts()).isEqualTo(199);
  }

  @Test
  @Order(2)
  void aTransferMovesAccessAndAPromotionAddsIt() throws Exception {
    StepResult result = run(1);
    assertThat(result.imported().plan().operations())
        .anySatisfy(
            operation ->
                assertThat(operation.reason().render())
                    .contains("rule sales-birthright: department == 'Sales'"));
    assertThat(account("amartin")).hasValueSatisfying(enabledIn("crm-users", "sales", "staff"));
    assertThat(attribute("amartin", "title")).isEqualTo("Account Executive");
    assertThat(account("bnguyen"))
        .hasValueSatisfying(enabledIn("engineering", "managers", "staff", "vpn"));
    assertThat(account("fli")).hasValueSatisfying(enabledIn("engineering", "staff", "vpn"));
  }

  @Test
  @Order(3)
  void leaveDisablesButKeepsGroups() throws Exception {
    run(2);
    assertThat(account("cdubois"))
        .hasValueSatisfying(
            view -> {
              assertThat(view.enabled()).isFalse();
              assertThat(view.groups()).containsExactly("erp-users", "finance", "staff");
            });
    assertThat(account("ghopper")).hasValueSatisfying(enabledIn("engineering", "staff", "vpn"));
  }

  @Test
  @Order(4)
  void leaversAreDisabledAndLoseEveryGroupInTheSamePlan() throws Exception {
    String daveBefore = entryUuid("dokafor");
    run(3);
    assertThat(account("dokafor")).hasValueSatisfying(disabledWithoutGroups());
    assertThat(account("ekowalski")).hasValueSatisfying(disabledWithoutGroups());
    assertThat(account("cdubois")).hasValueSatisfying(enabledIn("erp-users", "finance", "staff"));
    assertThat(entryUuid("dokafor")).isEqualTo(daveBefore);
  }

  @Test
  @Order(5)
  void aRehireReenablesTheSameAccount() throws Exception {
    String daveBefore = entryUuid("dokafor");
    run(4);
    assertThat(account("dokafor")).hasValueSatisfying(enabledIn("staff", "support", "vpn"));
    assertThat(entryUuid("dokafor"))
        .as("the same entry, not a second account")
        .isEqualTo(daveBefore);
    try (LDAPConnection connection = admin()) {
      assertThat(
              connection
                  .search(
                      "ou=people," + unit,
                      SearchScope.ONE,
                      Filter.createEqualityFilter("employeeNumber", "E1004"))
                  .getEntryCount())
          .isEqualTo(1);
    }
  }

  @Test
  @Order(6)
  void aLeaversAccountIsDeletedAfterRetentionAndThenNothingIsLeftToDo() throws Exception {
    run(5);
    assertThat(account("ekowalski")).isEmpty();
    assertThat(directory.census().accounts()).isEqualTo(199);
    var again =
        provisioning.importPlanAndStore(
            provisioning.sources("hr", folder.resolve("hr").resolve(steps.get(5).snapshot())),
            Provisioning.Scope.EVERYBODY,
            "test",
            "again");
    assertThat(again.imported().plan().operations()).as("plan after apply").isEmpty();
    assertThat(again.applied()).as("nothing stored").isNull();
  }

  private StepResult run(int index) {
    StepResult result = story.run(index + 1, steps.get(index));
    assertThat(result.clean()).as(printed.toString()).isTrue();
    return result;
  }

  private Optional<AccountView> account(String uid) {
    return directory.account(uid);
  }

  private static java.util.function.Consumer<AccountView> enabledIn(String... groups) {
    return view -> {
      assertThat(view.enabled()).as(view.uid() + " enabled").isTrue();
      assertThat(view.groups()).as(view.uid() + " groups").containsExactly(groups);
    };
  }

  private static java.util.function.Consumer<AccountView> disabledWithoutGroups() {
    return view -> {
      assertThat(view.enabled()).as(view.uid() + " enabled").isFalse();
      assertThat(view.groups()).as(view.uid() + " groups").isEmpty();
    };
  }

  private String attribute(String uid, String attribute) throws Exception {
    try (LDAPConnection connection = admin()) {
      SearchResultEntry entry = connection.getEntry("uid=" + uid + ",ou=people," + unit, attribute);
      return entry.getAttributeValue(attribute);
    }
  }

  private String entryUuid(String uid) throws Exception {
    return attribute(uid, "entryUUID");
  }

  private String unitName() {
    return unit.substring("ou=".length(), unit.indexOf(','));
  }

  private static LDAPConnection admin() throws Exception {
    LDAPURL url = new LDAPURL(LDAP_URL);
    return new LDAPConnection(url.getHost(), url.getPort(), ADMIN, PASSWORD);
  }

  private static String read(String resource) throws Exception {
    try (InputStream in = StoryContract.class.getClassLoader().getResourceAsStream(resource)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static void copy(String resource, Path target) throws Exception {
    try (InputStream in = StoryContract.class.getClassLoader().getResourceAsStream(resource)) {
      Files.copy(in, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
