package io.tenure.cli;

import io.tenure.connector.ldap.LdapProbe;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tenure init --hr FILE.csv --target ldap://HOST:PORT}: writes a commented starter {@code
 * tenure.yaml} from the HR file's header and the directory's naming context.
 */
@Command(
    name = "init",
    mixinStandardHelpOptions = true,
    description = {
      "Writes a commented starter tenure.yaml (or the --config FILE) from an HR file's header and"
          + " a directory: the file's columns mapped to identity attributes and lifecycle, the"
          + " directory's naming context read from its root DSE, with suggested bases for people"
          + " and groups. Never overwrites a file without --force. Then: tenure check, tenure plan."
    })
final class InitCommand extends StoreCommand implements Callable<Integer> {

  /** Known column names (lower case, without separators) and the identity attribute they feed. */
  private static final Map<String, String> ATTRIBUTES = new LinkedHashMap<>();

  static {
    for (String name : List.of("employeeid", "empid", "employeenumber", "personnelnumber")) {
      ATTRIBUTES.put(name, "employeeId");
    }
    for (String name : List.of("firstname", "givenname", "forename")) {
      ATTRIBUTES.put(name, "givenName");
    }
    for (String name : List.of("lastname", "familyname", "surname")) {
      ATTRIBUTES.put(name, "familyName");
    }
    for (String name : List.of("email", "mail", "emailaddress")) {
      ATTRIBUTES.put(name, "email");
    }
    ATTRIBUTES.put("department", "department");
    ATTRIBUTES.put("dept", "department");
    ATTRIBUTES.put("title", "title");
    ATTRIBUTES.put("jobtitle", "title");
    ATTRIBUTES.put("managerid", "managerId");
    ATTRIBUTES.put("manager", "managerId");
    ATTRIBUTES.put("location", "location");
    ATTRIBUTES.put("employmenttype", "employmentType");
  }

  private static final List<String> STATUS = List.of("status", "employmentstatus", "state");
  private static final List<String> START =
      List.of("hiredate", "startdate", "hired", "entrydate", "start");
  private static final List<String> END =
      List.of("terminationdate", "enddate", "leavedate", "exitdate", "end");

  @Option(
      names = "--hr",
      required = true,
      paramLabel = "FILE.csv",
      description = "The HR file (CSV with a header row).")
  Path hrFile = Path.of("");

  @Option(
      names = "--target",
      required = true,
      paramLabel = "URL",
      description = "The directory to keep in line: ldap://HOST:PORT or ldaps://HOST:PORT.")
  String target = "";

  @Option(
      names = "--bind-dn",
      paramLabel = "DN",
      description = "The DN Tenure binds as (default: anonymous, to read the naming context).")
  @Nullable String bindDn;

  @Option(
      names = "--password-env",
      paramLabel = "VAR",
      defaultValue = "LDAP_PASSWORD",
      description =
          "The environment variable that holds the bind password (default LDAP_PASSWORD); the"
              + " file refers to it, never holds it.")
  String passwordVariable = "LDAP_PASSWORD";

  @Option(names = "--force", description = "Overwrite an existing file.")
  boolean force;

  InitCommand(CliEnvironment environment) {
    super(environment);
  }

  @Override
  public Integer call() throws IOException {
    if (!target.startsWith("ldap://") && !target.startsWith("ldaps://")) {
      throw new IllegalArgumentException(
          "--target " + target + ": only ldap://HOST:PORT or ldaps://HOST:PORT for now");
    }
    Path out = configFile();
    if (Files.exists(out) && !force) {
      environment
          .err()
          .println("tenure: " + out + " exists; --force overwrites it (nothing was written)");
      return TenureCli.FAILURE;
    }
    List<String> header = header(hrFile);
    String password = environment.environment().apply(passwordVariable);
    List<String> contexts = new ArrayList<>();
    String directoryProblem = null;
    String peopleBase = null;
    String groupsBase = null;
    boolean peopleExists = false;
    boolean groupsExists = false;
    try (LdapProbe probe = LdapProbe.connect(target, bindDn, bindDn == null ? null : password)) {
      contexts.addAll(probe.namingContexts());
      if (!contexts.isEmpty()) {
        peopleBase = "ou=people," + contexts.get(0);
        groupsBase = "ou=groups," + contexts.get(0);
        peopleExists = probe.exists(peopleBase);
        groupsExists = probe.exists(groupsBase);
      }
    } catch (RuntimeException e) {
      directoryProblem = TenureCli.describe(e);
    }
    if (peopleBase == null) {
      peopleBase = "ou=people,dc=example,dc=com";
      groupsBase = "ou=groups,dc=example,dc=com";
    }
    Path folder = out.toAbsolutePath().getParent();
    String fileReference =
        folder == null ? hrFile.toString() : folder.relativize(hrFile.toAbsolutePath()).toString();
    String yaml =
        yaml(
            header,
            fileReference,
            contexts,
            directoryProblem,
            peopleBase,
            peopleExists,
            groupsBase,
            groupsExists);
    Files.writeString(out, yaml, StandardCharsets.UTF_8);
    environment.out().println("Wrote " + out + " from " + hrFile + " and " + target + ".");
    if (directoryProblem != null) {
      environment
          .err()
          .println(
              "tenure: the directory could not be read ("
                  + directoryProblem
                  + "); its bases"
                  + " in "
                  + out
                  + " are examples to change");
    }
    environment
        .out()
        .println(
            "Next: read it, then ./tenure check"
                + (out.equals(Path.of("tenure.yaml")) ? "" : " --config " + out)
                + " (tests the file and the directory) and ./tenure plan (changes nothing).");
    return TenureCli.SUCCESS;
  }

  private static String normalized(String column) {
    return column.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
  }

  /** The column names of the file's first line (RFC 4180 quotes, a UTF-8 byte order mark). */
  static List<String> header(Path file) throws IOException {
    String line;
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      line = reader.readLine();
    } catch (java.nio.file.NoSuchFileException e) {
      throw new IllegalArgumentException("--hr " + file + ": no such file");
    }
    if (line == null || line.isBlank()) {
      throw new IllegalArgumentException("--hr " + file + ": the file has no header row");
    }
    if (line.startsWith("\uFEFF")) {
      line = line.substring(1);
    }
    List<String> columns = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean quoted = false;
    for (int index = 0; index < line.length(); index++) {
      char c = line.charAt(index);
      if (c == '"') {
        if (quoted && index + 1 < line.length() && line.charAt(index + 1) == '"') {
          current.append('"');
          index++;
        } else {
          quoted = !quoted;
        }
      } else if (c == ',' && !quoted) {
        columns.add(current.toString().strip());
        current.setLength(0);
      } else {
        current.append(c);
      }
    }
    columns.add(current.toString().strip());
    return columns;
  }

  private @Nullable String find(List<String> header, List<String> names) {
    for (String column : header) {
      if (names.contains(normalized(column))) {
        return column;
      }
    }
    return null;
  }

  private static String quoted(String value) {
    return value.matches("[A-Za-z_][A-Za-z0-9_]*")
        ? value
        : "\"" + value.replace("\"", "\\\"") + "\"";
  }

  private String yaml(
      List<String> header,
      String file,
      List<String> contexts,
      @Nullable String directoryProblem,
      String peopleBase,
      boolean peopleExists,
      String groupsBase,
      boolean groupsExists) {
    Map<String, String> attributes = new LinkedHashMap<>();
    List<String> unmapped = new ArrayList<>();
    String status = find(header, STATUS);
    String start = find(header, START);
    String end = find(header, END);
    for (String column : header) {
      String attribute = ATTRIBUTES.get(normalized(column));
      if (attribute != null && !attributes.containsKey(attribute)) {
        attributes.put(attribute, column);
      } else if (!column.equals(status) && !column.equals(start) && !column.equals(end)) {
        unmapped.add(column);
      }
    }
    String key = attributes.containsKey("employeeId") ? "employeeId" : null;
    StringBuilder yaml = new StringBuilder();
    yaml.append("# tenure.yaml written by `tenure init` from ")
        .append(file)
        .append(" and ")
        .append(target)
        .append(".\n")
        .append("# Read every line, then: ./tenure check (tests the file and the directory)\n")
        .append("# and ./tenure plan (shows what would change; changes nothing).\n")
        .append("# Every person whose employment calls for an account gets one on every target;\n")
        .append(
            "# roles and rules (at the end) decide their groups. README.md explains each key.\n")
        .append("sources:\n")
        .append("  hr:\n")
        .append("    type: csv\n")
        .append("    file: ")
        .append(quoted(file))
        .append("                 # relative to this file's folder\n");
    if (key == null) {
      yaml.append(
          "    key: employeeId                  # FIXME: no employee id column found; name the"
              + " attribute that identifies a person\n");
    } else {
      yaml.append("    key: employeeId                  # people are matched on this attribute\n");
    }
    if (attributes.containsKey("email")) {
      yaml.append("    fallbackKeys: [email]            # ... then on this one\n");
    }
    yaml.append("    attributes:                      # identity attribute: column of ")
        .append(file)
        .append("\n");
    if (key == null) {
      yaml.append("      employeeId: FIXME\n");
    }
    attributes.forEach(
        (attribute, column) ->
            yaml.append("      ")
                .append(attribute)
                .append(": ")
                .append(quoted(column))
                .append('\n'));
    for (String column : unmapped) {
      yaml.append("      # ")
          .append(camel(column))
          .append(": ")
          .append(quoted(column))
          .append("   # not recognised; map it if a rule or a target needs it\n");
    }
    yaml.append("    lifecycle:\n")
        .append("      status: ")
        .append(status == null ? "FIXME   # no status column found" : quoted(status))
        .append(
            status == null
                ? "\n"
                : "   # active | leave | terminated (statusValues: {\"Aktiv\": active} maps other"
                    + " words)\n")
        .append("      startDate: ")
        .append(start == null ? "FIXME   # no start or hire date column found" : quoted(start))
        .append('\n');
    if (end != null) {
      yaml.append("      endDate: ").append(quoted(end)).append('\n');
    }
    yaml.append("      # dateFormat: yyyy-MM-dd        # the dates' format (ISO by default)\n");
    yaml.append("targets:\n")
        .append("  directory:\n")
        .append("    type: ldap\n")
        .append("    url: ")
        .append(target)
        .append('\n');
    if (bindDn != null) {
      yaml.append("    bindDn: ").append(quoted(bindDn)).append('\n');
    } else {
      yaml.append("    # bindDn: cn=admin,dc=example,dc=com   # the DN Tenure binds as\n");
    }
    yaml.append("    password: ${env:")
        .append(passwordVariable)
        .append("}     # by reference only; set ")
        .append(passwordVariable)
        .append(" before running tenure\n");
    if (directoryProblem != null) {
      yaml.append("    # the directory could not be read (")
          .append(directoryProblem.replace('\n', ' '))
          .append("): the bases below are examples\n");
    } else {
      yaml.append("    # naming contexts of the directory: ")
          .append(contexts.isEmpty() ? "none published" : String.join(", ", contexts))
          .append('\n');
    }
    yaml.append("    accounts: { base: ")
        .append(quoted(peopleBase))
        .append(", rdn: uid }   # ")
        .append(peopleExists ? "exists" : "does not exist yet: create it, or name another")
        .append('\n')
        .append("    groups: { base: ")
        .append(quoted(groupsBase))
        .append(" }   # ")
        .append(groupsExists ? "exists" : "does not exist yet: create it, or name another")
        .append('\n');
    boolean names = attributes.containsKey("givenName") && attributes.containsKey("familyName");
    yaml.append("    username: ")
        .append(names ? "initial(givenName) + familyName" : "employeeId")
        .append("   # CEL; folded to lower-case ASCII, numbered on collision\n")
        .append(
            "    attributes:                      # LDAP attribute: CEL over identity attributes\n");
    if (names) {
      yaml.append("      cn: \"givenName + ' ' + familyName\"\n")
          .append("      sn: familyName\n")
          .append("      givenName: givenName\n");
    } else {
      yaml.append("      cn: employeeId\n").append("      sn: employeeId\n");
    }
    if (attributes.containsKey("email")) {
      yaml.append("      mail: email\n");
    }
    if (key != null) {
      yaml.append("      employeeNumber: employeeId\n");
    }
    if (attributes.containsKey("title")) {
      yaml.append("      title: title\n");
    }
    yaml.append("    disable: { attribute: pwdAccountLockedTime, value: \"000001010000Z\" }\n")
        .append(
            "    retention: P30D                  # disabled accounts are deleted after 30 days\n")
        .append("roles:\n")
        .append("  staff: { description: Everybody, entitlements: { directory: [staff] } }\n")
        .append("rules:\n")
        .append("  - name: everybody\n")
        .append("    when: \"true\"\n")
        .append("    grant: [staff]\n");
    if (attributes.containsKey("department")) {
      yaml.append("  # - name: engineering-birthright\n")
          .append("  #   when: department == 'Engineering'\n")
          .append("  #   grant: [engineering]          # define the role under roles: first\n");
    }
    return yaml.toString();
  }

  private static String camel(String column) {
    String[] parts = column.toLowerCase(Locale.ROOT).split("[^a-z0-9]+");
    StringBuilder name = new StringBuilder();
    for (String part : parts) {
      if (part.isEmpty()) {
        continue;
      }
      name.append(
          name.length() == 0 ? part : Character.toUpperCase(part.charAt(0)) + part.substring(1));
    }
    return name.length() == 0 ? "column" : name.toString();
  }
}
