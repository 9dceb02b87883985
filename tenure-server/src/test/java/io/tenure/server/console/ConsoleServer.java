package io.tenure.server.console;

import io.tenure.cli.TenureLaunch;
import io.tenure.cli.demo.SettableClock;
import io.tenure.configuration.YamlConfigurationLoader;
import io.tenure.core.identity.IdentityId;
import io.tenure.engine.access.AccessRole;
import io.tenure.engine.access.ApiTokens;
import io.tenure.engine.access.LocalUsers;
import io.tenure.engine.access.TokenScope;
import io.tenure.engine.configuration.TenureConfiguration;
import io.tenure.engine.configuration.TenureHome;
import io.tenure.engine.identity.IdentityRepository;
import io.tenure.engine.provisioning.Provisioning;
import io.tenure.engine.provisioning.Provisioning.Scope;
import io.tenure.server.TenureApplication;
import io.tenure.server.guard.LdapUnit;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

/**
 * {@code tenure serve} on the demo configuration against a fresh unit of the shared OpenLDAP, the
 * embedded store, the demo's initial HR load applied, the bootstrap administrator created from the
 * environment, and one user (with a password and a bound API token) per role: {@code operator},
 * {@code auditor}, {@code approver} (linked to a manager) and {@code self} (linked to a person who
 * manages nobody). Start one per test class; close it to stop everything.
 */
public final class ConsoleServer implements AutoCloseable {

  /** The person the {@code self} user is (Alice Martin, E1001). */
  public static final String SELF_EMPLOYEE = "E1001";

  /** The person the {@code approver} user is (a manager, E1100). */
  public static final String MANAGER_EMPLOYEE = "E1100";

  public final LdapUnit ldap;
  public final Path folder;
  public final ConfigurableApplicationContext context;
  public final String root;
  public final String adminPassword = "admin-" + UUID.randomUUID();
  public final String userPassword = "user-" + UUID.randomUUID();

  /** Per role, a bearer token acting as that role's user (admin: a token bound to nobody). */
  public final Map<AccessRole, String> tokens = new EnumMap<>(AccessRole.class);

  /** Per role, the user name to log in with. */
  public final Map<AccessRole, String> users = new EnumMap<>(AccessRole.class);

  public ConsoleServer(String name, @Nullable Map<String, String> properties) throws Exception {
    this(name, properties, 0);
  }

  /**
   * The server on {@code port} (0 for a free one), with these system properties while it starts.
   */
  public ConsoleServer(String name, @Nullable Map<String, String> properties, int port)
      throws Exception {
    ldap = new LdapUnit(name);
    folder = Files.createTempDirectory("tenure-" + name);
    Path hr = Files.createDirectories(folder.resolve("hr"));
    Files.writeString(hr.resolve("hr-1-initial-load.csv"), resource("demo/hr-1-initial-load.csv"));
    TenureConfiguration configuration =
        new YamlConfigurationLoader(ldap.variables()::get, Set.of())
            .parse(resource("demo/tenure.yaml"), "demo/tenure.yaml", hr);
    SettableClock clock = new SettableClock(Instant.parse("2026-01-05T08:00:00Z"));
    System.setProperty("tenure.admin.password", adminPassword);
    if (properties != null) {
      properties.forEach(System::setProperty);
    }
    try {
      context =
          TenureApplication.serve(
              new TenureLaunch(new TenureHome(folder.resolve("home")), configuration, clock), port);
    } finally {
      System.clearProperty("tenure.admin.password");
      if (properties != null) {
        properties.keySet().forEach(System::clearProperty);
      }
    }
    root = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
    Provisioning provisioning = context.getBean(Provisioning.class);
    provisioning.importAndApply(
        provisioning.sources(null, null), Scope.EVERYBODY, "test", "initial load");
    LocalUsers localUsers = context.getBean(LocalUsers.class);
    ApiTokens apiTokens = context.getBean(ApiTokens.class);
    users.put(AccessRole.ADMIN, LocalUsers.BOOTSTRAP_ADMIN);
    tokens.put(
        AccessRole.ADMIN, apiTokens.create(TokenScope.ADMIN, "matrix-admin", "test").secret());
    for (AccessRole role : List.of(AccessRole.OPERATOR, AccessRole.AUDITOR)) {
      addUser(localUsers, apiTokens, role, EnumSet.of(role), null);
    }
    addUser(
        localUsers,
        apiTokens,
        AccessRole.APPROVER,
        EnumSet.noneOf(AccessRole.class),
        person(MANAGER_EMPLOYEE));
    addUser(
        localUsers,
        apiTokens,
        AccessRole.SELF,
        EnumSet.noneOf(AccessRole.class),
        person(SELF_EMPLOYEE));
  }

  private void addUser(
      LocalUsers localUsers,
      ApiTokens apiTokens,
      AccessRole role,
      Set<AccessRole> roles,
      @Nullable IdentityId person) {
    String username = role.label() + "-user";
    localUsers.create(username, "The " + role.label(), roles, person, userPassword, "test");
    users.put(role, username);
    tokens.put(
        role,
        apiTokens.create(TokenScope.ADMIN, "matrix-" + role.label(), username, "test").secret());
  }

  /** The id of the person with that employee id. */
  public IdentityId person(String employeeId) {
    List<IdentityId> found =
        context.getBean(IdentityRepository.class).findByAttribute("employeeId", employeeId);
    if (found.size() != 1) {
      throw new IllegalStateException("no single person " + employeeId);
    }
    return found.get(0);
  }

  /** The password of a role's user. */
  public String password(AccessRole role) {
    return role == AccessRole.ADMIN ? adminPassword : userPassword;
  }

  @Override
  public void close() throws Exception {
    try {
      context.close();
    } finally {
      try {
        ldap.close();
      } finally {
        FileSystemUtils.deleteRecursively(folder);
      }
    }
  }

  static String resource(String name) throws Exception {
    try (InputStream in = ConsoleServer.class.getClassLoader().getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
