package io.tenure.cli;

import io.tenure.core.account.KnownAccount;
import io.tenure.core.identity.Identity;
import io.tenure.core.identity.IdentityId;
import io.tenure.core.identity.LifecycleState;
import io.tenure.engine.access.Principals;
import io.tenure.engine.audit.AuditRecord;
import io.tenure.engine.execution.StoredOperation;
import io.tenure.engine.people.PersonDetail;
import io.tenure.engine.people.PersonDirectory;
import io.tenure.engine.people.PersonPage;
import io.tenure.governance.privacy.PersonalData;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code tenure person show|list|export|pseudonymise}: one person's whole picture, a search for
 * people, and one person's personal data.
 */
@Command(
    name = "person",
    mixinStandardHelpOptions = true,
    description = {
      "Looks people up in the identity store: 'person show ID' (an employee id, a username on any"
          + " target or the identity id) shows one person's attributes with the source of each,"
          + " lifecycle, roles with their origin, accounts per target, open operations and recent"
          + " audit events; 'person list' lists people; 'person export ID' writes everything Tenure"
          + " holds about one person as JSON; 'person pseudonymise ID' pseudonymises a leaver's"
          + " data after the retention delete."
    })
final class PersonCommand extends StoreCommand implements Callable<Integer> {

  PersonCommand(CliEnvironment environment) {
    super(environment);
  }

  @Override
  public Integer call() {
    throw new IllegalArgumentException(
        "say 'person show ID', 'person list', 'person export ID' or 'person pseudonymise ID'");
  }

  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description =
          "Shows one person: attributes and the source of each, lifecycle state and dates, roles"
              + " with their origin, accounts per target with their state, open operations and"
              + " recent audit events.")
  int show(
      @Parameters(
              paramLabel = "PERSON",
              description = "An employee id, a username on any target, or the identity id.")
          String person,
      @Option(
              names = "--config",
              paramLabel = "FILE",
              description = "The configuration file (default: ./tenure.yaml).")
          @Nullable Path configFile,
      @Mixin FormatOption format) {
    useConfig(configFile);
    return withApplication(
        null,
        context -> {
          PersonDirectory directory = context.getBean(PersonDirectory.class);
          List<Identity> found = resolve(directory, person);
          if (found.isEmpty()) {
            environment.err().println("tenure: there is no person " + person);
            return TenureCli.FAILURE;
          }
          if (found.size() > 1) {
            environment
                .err()
                .println(
                    "tenure: "
                        + person
                        + " names "
                        + found.size()
                        + " people: "
                        + String.join(", ", found.stream().map(PersonCommand::describe).toList())
                        + "; give the identity id");
            return TenureCli.FAILURE;
          }
          PersonDetail detail = directory.detail(found.get(0).id()).orElseThrow();
          if (format.json()) {
            Reports.printJson(json(detail), environment.out());
          } else {
            text(detail, environment.out());
          }
          return TenureCli.SUCCESS;
        });
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description =
          "Lists people (by family name) with their employee id, lifecycle state and identity id.")
  int list(
      @Option(
              names = "--search",
              paramLabel = "TEXT",
              defaultValue = "",
              description =
                  "Only people whose name, employee id, e-mail or a username contains TEXT.")
          String search,
      @Option(
              names = "--state",
              paramLabel = "STATE",
              description =
                  "Only people in this lifecycle state (pre_hire, active, suspended, terminated,"
                      + " purged).")
          @Nullable LifecycleState state,
      @Option(
              names = "--limit",
              paramLabel = "N",
              defaultValue = "100",
              description = "At most N people (default 100).")
          int limit,
      @Option(
              names = "--config",
              paramLabel = "FILE",
              description = "The configuration file (default: ./tenure.yaml).")
          @Nullable Path configFile,
      @Mixin FormatOption format) {
    requireNonNegativeLimit(limit);
    useConfig(configFile);
    return withApplication(
        null,
        context -> {
          PersonDirectory directory = context.getBean(PersonDirectory.class);
          List<Identity> people = new ArrayList<>();
          String cursor = null;
          do {
            PersonPage page = directory.search(search, cursor, 500);
            for (Identity identity : page.people()) {
              if ((state == null || identity.state() == state) && people.size() < limit) {
                people.add(identity);
              }
            }
            cursor = page.next();
          } while (cursor != null && people.size() < limit);
          if (format.json()) {
            ObjectNode root = Reports.newObject();
            ArrayNode items = root.putArray("people");
            people.forEach(identity -> summary(identity, items.addObject()));
            Reports.printJson(root, environment.out());
          } else if (people.isEmpty()) {
            environment.out().println("No people.");
          } else {
            PrintWriter out = environment.out();
            out.printf(
                "%-28s %-12s %-10s %-22s %s%n", "NAME", "EMPLOYEE ID", "STATE", "USERNAMES", "ID");
            for (Identity identity : people) {
              out.printf(
                  "%-28s %-12s %-10s %-22s %s%n",
                  Principals.displayName(identity),
                  identity.attribute(Principals.EMPLOYEE_ID).orElse("-"),
                  identity.state().name().toLowerCase(Locale.ROOT),
                  identity.usernames().isEmpty()
                      ? "-"
                      : String.join(",", identity.usernames().values()),
                  identity.id().value());
            }
          }
          return TenureCli.SUCCESS;
        });
  }

  /**
   * The people {@code text} names: the identity of that id, else those whose employee id or a
   * username is exactly {@code text}.
   */
  static List<Identity> resolve(PersonDirectory directory, String text) {
    Optional<Identity> byId = directory.find(new IdentityId(text));
    if (byId.isPresent()) {
      return List.of(byId.get());
    }
    List<Identity> exact = new ArrayList<>();
    String cursor = null;
    do {
      PersonPage page = directory.search(text, cursor, 500);
      for (Identity identity : page.people()) {
        boolean employeeId =
            identity.attribute(Principals.EMPLOYEE_ID).map(text::equals).orElse(false);
        if (employeeId || identity.usernames().containsValue(text)) {
          exact.add(identity);
        }
      }
      cursor = page.next();
    } while (cursor != null);
    return exact;
  }

  @Command(
      name = "export",
      mixinStandardHelpOptions = true,
      description =
          "Writes everything Tenure holds about one person as JSON: attributes, employment,"
              + " usernames, each source's values, accounts, access history and the audit events"
              + " about them.")
  int export(
      @Parameters(paramLabel = "PERSON", description = "An employee id or the identity id.")
          String person,
      @Option(
              names = "--config",
              paramLabel = "FILE",
              description = "The configuration file (default: ./tenure.yaml).")
          @Nullable Path configFile) {
    useConfig(configFile);
    return withApplication(
        null,
        context -> {
          PersonalData data = context.getBean(PersonalData.class);
          environment
              .out()
              .println(
                  tools.jackson.databind.json.JsonMapper.builder()
                      .build()
                      .writerWithDefaultPrettyPrinter()
                      .writeValueAsString(data.export(person)));
          environment.out().flush();
          return TenureCli.SUCCESS;
        });
  }

  @Command(
      name = "pseudonymise",
      mixinStandardHelpOptions = true,
      description =
          "After the retention delete (a leaver without accounts): replaces the person's identity"
              + " id by a pseudonym and removes their personal values from the audit records about"
              + " them and from the identity; the audit chain still verifies. The retention"
              + " delete of a leaver's last account does this by itself; run again, it changes"
              + " nothing.")
  int pseudonymise(
      @Parameters(paramLabel = "PERSON", description = "An employee id or the identity id.")
          String person,
      @Option(
              names = "--config",
              paramLabel = "FILE",
              description = "The configuration file (default: ./tenure.yaml).")
          @Nullable Path configFile) {
    useConfig(configFile);
    return withApplication(
        null,
        context -> {
          PersonalData.Pseudonymised done =
              context.getBean(PersonalData.class).pseudonymise(person, actor());
          if (done.records() == 0) {
            environment
                .out()
                .printf(
                    "Identity %s is pseudonymised as %s: nothing left to replace%n",
                    done.identity().value(), done.pseudonym());
          } else {
            environment
                .out()
                .printf(
                    "Pseudonymised identity %s as %s: %d audit records%n",
                    done.identity().value(), done.pseudonym(), done.records());
          }
          environment.out().flush();
          return TenureCli.SUCCESS;
        });
  }

  private void useConfig(@Nullable Path configFile) {
    if (configFile != null) {
      config = configFile;
    }
  }

  /** The sources that gave this attribute its kept value, in name order. */
  static List<String> sourcesOf(Identity identity, String attribute, String value) {
    List<String> sources = new ArrayList<>();
    identity
        .sourceAttributes()
        .forEach(
            (source, values) -> {
              if (value.equals(values.get(attribute))) {
                sources.add(source);
              }
            });
    return sources;
  }

  private static void text(PersonDetail detail, PrintWriter out) {
    Identity identity = detail.identity();
    out.println(describe(identity) + "  id " + identity.id().value());
    var employment = identity.employment();
    out.println(
        "Lifecycle: "
            + identity.state().name()
            + " (employment "
            + employment.status().name().toLowerCase(Locale.ROOT)
            + employment.start().map(date -> ", start " + date).orElse("")
            + employment.end().map(date -> ", end " + date).orElse("")
            + "); accounts: "
            + detail.access().presence().presence().name().toLowerCase(Locale.ROOT)
            + ", because "
            + detail.access().presence().reason().render());
    if (detail.managerName() != null) {
      out.println("Manager: " + detail.managerName());
    }
    out.println("Attributes:");
    identity
        .attributes()
        .forEach(
            (name, value) -> {
              List<String> sources = sourcesOf(identity, name, value);
              out.println(
                  "  "
                      + name
                      + ": "
                      + value
                      + (sources.isEmpty() ? "" : "  (from " + String.join(", ", sources) + ")"));
            });
    out.println("Roles:");
    if (detail.access().access().roles().isEmpty()) {
      out.println("  none");
    }
    detail
        .access()
        .access()
        .roles()
        .forEach((role, reason) -> out.println("  " + role.value() + ": " + reason.render()));
    out.println("Accounts:");
    if (detail.accounts().isEmpty()) {
      out.println("  none");
    }
    for (KnownAccount account : detail.accounts()) {
      out.println(
          "  "
              + account.target().value()
              + "/"
              + account.username()
              + ": "
              + (account.enabled() ? "enabled" : "disabled")
              + (account.disabledAt() == null ? "" : " since " + account.disabledAt())
              + (account.entitlements().isEmpty()
                  ? ""
                  : "; " + String.join(", ", account.entitlements())));
    }
    out.println("Open operations:");
    if (detail.pendingOperations().isEmpty()) {
      out.println("  none");
    }
    for (StoredOperation operation : detail.pendingOperations()) {
      out.println(
          "  "
              + operation.id().value()
              + " "
              + operation.state().name().toLowerCase(Locale.ROOT)
              + ": "
              + operation.operation().describe());
    }
    out.println("Recent audit events:");
    if (detail.history().isEmpty()) {
      out.println("  none");
    }
    for (AuditRecord record : detail.history()) {
      var event = record.event();
      out.println(
          "  "
              + event.at()
              + "  "
              + event.action()
              + "  "
              + event.outcome()
              + (event.reason().isBlank() ? "" : "  " + event.reason()));
    }
  }

  private static void summary(Identity identity, ObjectNode item) {
    item.put("id", identity.id().value());
    item.put("name", Principals.displayName(identity));
    item.put("employeeId", identity.attribute(Principals.EMPLOYEE_ID).orElse(null));
    item.put("state", identity.state().name());
    ObjectNode usernames = item.putObject("usernames");
    identity.usernames().forEach(usernames::put);
  }

  private static ObjectNode json(PersonDetail detail) {
    Identity identity = detail.identity();
    ObjectNode root = Reports.newObject();
    summary(identity, root);
    root.put("manager", detail.managerName());
    ObjectNode lifecycle = root.putObject("lifecycle");
    lifecycle.put("state", identity.state().name());
    lifecycle.put("employment", identity.employment().status().name());
    lifecycle.put("startDate", identity.employment().start().map(Object::toString).orElse(null));
    lifecycle.put("endDate", identity.employment().end().map(Object::toString).orElse(null));
    lifecycle.put("accounts", detail.access().presence().presence().name());
    lifecycle.put("reason", detail.access().presence().reason().render());
    ObjectNode attributes = root.putObject("attributes");
    identity
        .attributes()
        .forEach(
            (name, value) -> {
              ObjectNode attribute = attributes.putObject(name);
              attribute.put("value", value);
              ArrayNode sources = attribute.putArray("sources");
              sourcesOf(identity, name, value).forEach(sources::add);
            });
    ObjectNode roles = root.putObject("roles");
    detail
        .access()
        .access()
        .roles()
        .forEach((role, reason) -> roles.put(role.value(), reason.render()));
    ArrayNode accounts = root.putArray("accounts");
    for (KnownAccount account : detail.accounts()) {
      ObjectNode item = accounts.addObject();
      item.put("target", account.target().value());
      item.put("username", account.username());
      item.put("nativeId", account.nativeId());
      item.put("enabled", account.enabled());
      item.put("disabledAt", account.disabledAt() == null ? null : account.disabledAt().toString());
      ArrayNode entitlements = item.putArray("entitlements");
      account.entitlements().stream().sorted().forEach(entitlements::add);
    }
    ArrayNode operations = root.putArray("openOperations");
    for (StoredOperation operation : detail.pendingOperations()) {
      ObjectNode item = operations.addObject();
      item.put("id", operation.id().value());
      item.put("state", operation.state().name());
      item.put("description", operation.operation().describe());
    }
    ArrayNode history = root.putArray("history");
    for (AuditRecord record : detail.history()) {
      ObjectNode item = history.addObject();
      item.put("sequence", record.sequence());
      item.put("at", record.event().at().toString());
      item.put("action", record.event().action());
      item.put("outcome", record.event().outcome());
      item.put("reason", record.event().reason());
    }
    return root;
  }

  /** {@code Alice Martin (E1001)}: the name, and the employee id when there is one. */
  static String describe(Identity identity) {
    return Principals.displayName(identity)
        + identity.attribute(Principals.EMPLOYEE_ID).map(id -> " (" + id + ")").orElse("");
  }
}
