package io.tenure.cli;

import io.tenure.core.identity.IdentityId;
import io.tenure.engine.access.AccessRole;
import io.tenure.engine.access.LocalUser;
import io.tenure.engine.access.LocalUsers;
import io.tenure.engine.access.Principals;
import io.tenure.engine.configuration.TenureConfiguration;
import io.tenure.engine.identity.IdentityRepository;
import io.tenure.engine.store.Transactions;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tenure user create-admin|create|list|disable}: the people who log in to the console. */
@Command(
    name = "user",
    mixinStandardHelpOptions = true,
    description = {
      "Manages the users who log in to the web console and the API with a password.",
      "  user create-admin                   creates the administrator 'admin' with the password in"
          + " TENURE_ADMIN_PASSWORD, or a generated one printed once",
      "  user create NAME --role R [--role R] [--name 'Full Name'] [--person ID]",
      "                                      creates a user with the password in"
          + " TENURE_USER_PASSWORD, or a generated one printed once",
      "  user list                           lists users (never a password)",
      "  user disable NAME                   stops a user from logging in",
      "Roles: admin, operator, auditor, approver, self. --person links the user to a person in the"
          + " identity store (id or employee id); every person may see their own access.",
      "Only a bcrypt hash of a password is stored."
    })
final class UserCommand extends StoreCommand implements Callable<Integer> {

  @Parameters(
      index = "0",
      paramLabel = "ACTION",
      description = "create-admin, create, list or disable")
  String action = "";

  @Parameters(index = "1", arity = "0..1", paramLabel = "NAME", description = "The user name.")
  @Nullable String username;

  @Option(names = "--role", paramLabel = "ROLE", description = "A role (repeatable; create).")
  List<String> roles = new ArrayList<>();

  @Option(names = "--name", paramLabel = "TEXT", description = "The name to show (create).")
  @Nullable String displayName;

  @Option(
      names = "--person",
      paramLabel = "ID",
      description = "The person this user is: an identity id or an employee id (create).")
  @Nullable String person;

  UserCommand(CliEnvironment environment) {
    super(environment);
  }

  /** Users can be made before anything is configured: no tenure.yaml is the embedded store. */
  @Override
  TenureConfiguration loadConfiguration() {
    return loadConfigurationOrEmpty();
  }

  @Override
  public Integer call() {
    return switch (action) {
      case "create-admin" -> createAdmin();
      case "create" -> create();
      case "list" -> list();
      case "disable" -> disable();
      default ->
          throw new IllegalArgumentException(
              "unknown user action '" + action + "' (create-admin, create, list or disable)");
    };
  }

  private int createAdmin() {
    String password = environment.environment().apply("TENURE_ADMIN_PASSWORD");
    return withApplication(
        null,
        context -> {
          LocalUsers users = context.getBean(LocalUsers.class);
          if (users.find(LocalUsers.BOOTSTRAP_ADMIN).isPresent()) {
            environment.err().println("tenure: the user admin exists already");
            return TenureCli.FAILURE;
          }
          LocalUsers.CreatedUser created =
              users.createAdmin(password == null || password.isEmpty() ? null : password, actor());
          printCreated(created);
          return TenureCli.SUCCESS;
        });
  }

  private int create() {
    if (username == null || username.isBlank()) {
      throw new IllegalArgumentException("user create needs the user's NAME");
    }
    if (roles.isEmpty() && person == null) {
      throw new IllegalArgumentException(
          "user create needs --role (admin, operator, auditor, approver or self) or --person");
    }
    Set<AccessRole> granted = EnumSet.noneOf(AccessRole.class);
    roles.forEach(role -> granted.add(AccessRole.parse(role)));
    String name = username;
    String password = environment.environment().apply("TENURE_USER_PASSWORD");
    return withApplication(
        null,
        context -> {
          IdentityId linked = person == null ? null : resolvePerson(context, person);
          LocalUsers.CreatedUser created =
              context
                  .getBean(LocalUsers.class)
                  .create(
                      name,
                      displayName == null ? "" : displayName,
                      granted,
                      linked,
                      password == null || password.isEmpty() ? null : password,
                      actor());
          printCreated(created);
          return TenureCli.SUCCESS;
        });
  }

  private int list() {
    return withApplication(
        null,
        context -> {
          List<LocalUser> users = context.getBean(LocalUsers.class).list();
          PrintWriter out = environment.out();
          if (users.isEmpty()) {
            out.println("No users. Create the administrator with: tenure user create-admin");
          }
          for (LocalUser user : users) {
            out.println(
                user.username()
                    + "  "
                    + user.displayName()
                    + "  roles "
                    + (user.roles().isEmpty()
                        ? "self"
                        : user.roles().stream()
                            .map(AccessRole::label)
                            .collect(Collectors.joining(",")))
                    + (user.person() == null ? "" : "  person " + user.person().value())
                    + "  created "
                    + user.createdAt()
                    + (user.disabled() ? "  disabled " + user.disabledAt() : ""));
          }
          out.flush();
          return TenureCli.SUCCESS;
        });
  }

  private int disable() {
    if (username == null || username.isBlank()) {
      throw new IllegalArgumentException("user disable needs the user's NAME");
    }
    String name = username;
    return withApplication(
        null,
        context -> {
          boolean disabled = context.getBean(LocalUsers.class).disable(name, actor());
          environment
              .out()
              .println(disabled ? "Disabled user " + name + "." : "No enabled user " + name + ".");
          environment.out().flush();
          return disabled ? TenureCli.SUCCESS : TenureCli.FAILURE;
        });
  }

  private void printCreated(LocalUsers.CreatedUser created) {
    PrintWriter out = environment.out();
    LocalUser user = created.user();
    out.println(
        "Created user "
            + user.username()
            + " ("
            + user.displayName()
            + ", roles "
            + (user.roles().isEmpty()
                ? "self"
                : user.roles().stream().map(AccessRole::label).collect(Collectors.joining(",")))
            + ").");
    if (created.generatedPassword() != null) {
      out.println("Its password is shown only now:");
      out.println(created.generatedPassword());
    }
    out.flush();
  }

  /** An identity id, or the employee id of exactly one person. */
  private static IdentityId resolvePerson(ConfigurableApplicationContext context, String given) {
    IdentityRepository identities = context.getBean(IdentityRepository.class);
    return context
        .getBean(Transactions.class)
        .inTransaction(
            () -> {
              IdentityId asId = new IdentityId(given.strip());
              if (identities.find(asId).isPresent()) {
                return asId;
              }
              List<IdentityId> matches =
                  identities.findByAttribute(Principals.EMPLOYEE_ID, given.strip());
              if (matches.size() != 1) {
                throw new IllegalArgumentException(
                    "--person "
                        + given
                        + " names "
                        + (matches.isEmpty() ? "no person" : "more than one person"));
              }
              return matches.get(0);
            });
  }
}
