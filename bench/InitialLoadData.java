import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Writes the input of {@code bench/initial-load.sh} into a folder: {@code people.csv} (N people in
 * the HR format the demo reads), {@code people-changed.csv} (the same with every 100th person in
 * the next department: the 1% a re-import finds changed), {@code tenure.yaml} (the LDAP target at {@code
 * ${env:BENCH_LDAP_URL}}, roles {@code staff} and one per department, rules granting them) and
 * {@code baseline.ldif} (the entries and groups Tenure would write, for a bare {@code ldapadd}).
 *
 * <p>Deterministic for the same N and seed. Ten departments of unequal size; family names are
 * made of syllables so that almost every username ({@code initial(givenName) + familyName}) is
 * unique, but one person in 40 has the same given and family name as someone before them (their
 * username gets a number), and some names need folding (an apostrophe, a hyphen, an accent).
 *
 * <p>Arguments: N FOLDER [SEED] (seed default 42).
 */
public class InitialLoadData {

  static final String PEOPLE = "ou=people,dc=example,dc=com";
  static final String GROUPS = "ou=groups,dc=example,dc=com";
  static final int USERNAME_MAX_LENGTH = 20;

  /** Department name, group (and role) name, share of the people in percent. */
  record Department(String name, String group, int percent, List<String> titles) {}

  static final List<Department> DEPARTMENTS =
      List.of(
          new Department("Engineering", "engineering", 25, List.of("Software Engineer", "SRE")),
          new Department("Sales", "sales", 15, List.of("Account Executive", "Sales Associate")),
          new Department("Support", "support", 12, List.of("Support Engineer", "Support Agent")),
          new Department("Marketing", "marketing", 10, List.of("Marketing Specialist")),
          new Department("Finance", "finance", 8, List.of("Accountant", "Financial Analyst")),
          new Department("Operations", "operations", 8, List.of("Operations Analyst")),
          new Department("Research", "research", 7, List.of("Research Scientist")),
          new Department("Human Resources", "human-resources", 6, List.of("HR Partner")),
          new Department("Facilities", "facilities", 5, List.of("Facilities Coordinator")),
          new Department("Legal", "legal", 4, List.of("Counsel", "Paralegal")));

  static final List<String> GIVEN_NAMES =
      List.of(
          "Alice", "Bob", "Carol", "Dave", "Emma", "Farid", "Grace", "Hugo", "Ines", "Jonas",
          "Kemal", "Lena", "Marta", "Nikos", "Olga", "Pavel", "Quentin", "Rosa", "Samir", "Tanja",
          "Ugo", "Vera", "Wen", "Xavier", "Yara", "Zoe", "Amara", "Bruno", "Chloe", "Diego",
          "Elif", "Filip", "Gita", "Hanna", "Ivan", "Jade", "Karim", "Lucia", "Mateo", "Nora",
          "Oscar", "Priya", "Rafael", "Sofia", "Tomas", "Uma", "Viktor", "Wanda", "Yusuf", "Zora",
          "Élodie", "Anouk", "Bastien", "Camille", "Dorian", "Eva", "Felix", "Greta", "Henrik");

  static final List<String> LOCATIONS =
      List.of("Paris", "London", "Lisbon", "Berlin", "Madrid", "Warsaw", "Dublin");

  static final String CONSONANTS = "bdfghklmnprstvzj"; // 16
  static final String VOWELS = "aeiu"; // 4: 64 two-letter syllables

  public static void main(String[] args) throws IOException {
    int n = Integer.parseInt(args[0]);
    Path folder = Path.of(args[1]);
    long seed = args.length > 2 ? Long.parseLong(args[2]) : 42;
    if (n < 1 || n >= 1 << 24) {
      throw new IllegalArgumentException("N must be between 1 and 16,777,215");
    }
    Files.createDirectories(folder);
    Random random = new Random(seed);

    List<String[]> rows = new ArrayList<>(n);
    Map<Department, String> heads = new LinkedHashMap<>();
    Set<String> taken = new HashSet<>();
    List<String> usernames = new ArrayList<>(n);
    for (int index = 0; index < n; index++) {
      String employeeId = "E" + (1_000_001 + index);
      String given;
      String family;
      if (index % 40 == 39 && index >= 13) {
        String[] earlier = rows.get(index - 13); // same name as someone else: numbered username
        given = earlier[1];
        family = earlier[2];
      } else {
        given = GIVEN_NAMES.get(random.nextInt(GIVEN_NAMES.size()));
        family = familyName(index);
        if (index % 97 == 5) {
          family = "O'" + family;
        } else if (index % 53 == 7) {
          family = family + "-" + familyName(index + n);
        }
      }
      Department department = department(random.nextInt(100));
      String head = heads.get(department);
      String title;
      if (head == null) {
        heads.put(department, employeeId);
        title = department.name() + " Manager";
      } else {
        title = department.titles().get(random.nextInt(department.titles().size()));
      }
      LocalDate hired = LocalDate.of(2005, 1, 1).plusDays(random.nextInt(20 * 365));
      String email = fold(given) + "." + fold(family) + "." + (1_000_001 + index) + "@example.com";
      rows.add(
          new String[] {
            employeeId,
            given,
            family,
            email,
            department.name(),
            title,
            head == null ? "" : head,
            LOCATIONS.get(random.nextInt(LOCATIONS.size())),
            "employee",
            "active",
            hired.toString(),
            ""
          });
      usernames.add(username(fold(given.substring(0, 1)) + fold(family), taken));
    }

    writeCsv(folder.resolve("people.csv"), rows);
    writeCsv(folder.resolve("people-changed.csv"), movedEveryHundredth(rows));
    writeLdif(folder.resolve("baseline.ldif"), rows, usernames);
    writeConfiguration(folder.resolve("tenure.yaml"));
  }

  static void writeCsv(Path file, List<String[]> rows) throws IOException {
    try (BufferedWriter csv = Files.newBufferedWriter(file)) {
      csv.write(
          "employee_id,first_name,last_name,email,department,title,manager_id,location,"
              + "employment_type,status,hire_date,termination_date\n");
      for (String[] row : rows) {
        csv.write(String.join(",", row));
        csv.write('\n');
      }
    }
  }

  /** The rows with every 100th person (the 100th, the 200th, ...) in the next department. */
  static List<String[]> movedEveryHundredth(List<String[]> rows) {
    List<String[]> moved = new ArrayList<>();
    for (int index = 0; index < rows.size(); index++) {
      String[] row = rows.get(index).clone();
      if ((index + 1) % 100 == 0) {
        for (int at = 0; at < DEPARTMENTS.size(); at++) {
          if (DEPARTMENTS.get(at).name().equals(row[4])) {
            row[4] = DEPARTMENTS.get((at + 1) % DEPARTMENTS.size()).name();
            break;
          }
        }
      }
      moved.add(row);
    }
    return moved;
  }

  static void writeLdif(Path file, List<String[]> rows, List<String> usernames)
      throws IOException {
    Map<String, List<String>> members = new LinkedHashMap<>();
    members.put("staff", new ArrayList<>());
    for (Department department : DEPARTMENTS) {
      members.put(department.group(), new ArrayList<>());
    }
    try (BufferedWriter ldif = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (int index = 0; index < rows.size(); index++) {
        String[] row = rows.get(index);
        String dn = "uid=" + usernames.get(index) + "," + PEOPLE;
        ldif.write("dn: " + dn + "\n");
        ldif.write("objectClass: top\nobjectClass: person\nobjectClass: organizationalPerson\n");
        ldif.write("objectClass: inetOrgPerson\n");
        attribute(ldif, "uid", usernames.get(index));
        attribute(ldif, "cn", row[1] + " " + row[2]);
        attribute(ldif, "sn", row[2]);
        attribute(ldif, "givenName", row[1]);
        attribute(ldif, "mail", row[3]);
        attribute(ldif, "employeeNumber", row[0]);
        attribute(ldif, "title", row[5]);
        attribute(ldif, "departmentNumber", row[4]);
        ldif.write("\n");
        members.get("staff").add(dn);
        members.get(groupOf(row[4])).add(dn);
      }
      for (Map.Entry<String, List<String>> group : members.entrySet()) {
        if (group.getValue().isEmpty()) {
          continue; // Tenure creates a group on its first grant only
        }
        ldif.write("dn: cn=" + group.getKey() + "," + GROUPS + "\n");
        ldif.write("objectClass: top\nobjectClass: groupOfNames\n");
        attribute(ldif, "cn", group.getKey());
        for (String member : group.getValue()) {
          attribute(ldif, "member", member);
        }
        ldif.write("\n");
      }
    }
  }

  /**
   * The LDAP target's batch settings from {@code BENCH_LDAP_BATCH} ({@code maxGrants=20000,...}),
   * as a YAML line of the target (none when unset): the connector's defaults otherwise.
   */
  static String batchSettings() {
    String settings = System.getenv("BENCH_LDAP_BATCH");
    if (settings == null || settings.isBlank()) {
      return "# batch: the connector's defaults";
    }
    List<String> pairs = new ArrayList<>();
    for (String pair : settings.split(",")) {
      String[] keyAndValue = pair.trim().split("=", 2);
      pairs.add(keyAndValue[0].trim() + ": " + keyAndValue[1].trim());
    }
    return "batch: { " + String.join(", ", pairs) + " }";
  }

  static void writeConfiguration(Path file) throws IOException {
    StringBuilder yaml = new StringBuilder();
    yaml.append(
        """
        # Written by bench/InitialLoadData.java for bench/initial-load.sh.
        sources:
          hr:
            type: csv
            file: people.csv
            key: employeeId
            fallbackKeys: [email]
            attributes:
              employeeId: employee_id
              givenName: first_name
              familyName: last_name
              email: email
              department: department
              title: title
              managerId: manager_id
              location: location
              employmentType: employment_type
            requiredAttributes: [employeeId, givenName, familyName]
            lifecycle:
              status: status
              startDate: hire_date
              endDate: termination_date
              dateFormat: yyyy-MM-dd
        targets:
          directory:
            type: ldap
            url: ${env:BENCH_LDAP_URL}
            bindDn: cn=admin,dc=example,dc=com
            password: ${env:BENCH_LDAP_PASSWORD}
            accounts: { base: "%s", rdn: uid }
            groups: { base: "%s" }
            disable: { attribute: pwdAccountLockedTime, value: "000001010000Z" }
            username: initial(givenName) + familyName
            usernameMaxLength: %d
            attributes:
              cn: "givenName + ' ' + familyName"
              sn: familyName
              givenName: givenName
              mail: email
              employeeNumber: employeeId
              title: title
              departmentNumber: department
            %s
        roles:
          staff: { description: Employees, entitlements: { directory: [staff] } }
        """
            .formatted(PEOPLE, GROUPS, USERNAME_MAX_LENGTH, batchSettings()));
    for (Department department : DEPARTMENTS) {
      yaml.append(
          "  %s: { entitlements: { directory: [%s] } }\n"
              .formatted(department.group(), department.group()));
    }
    yaml.append("rules:\n");
    yaml.append("  - { name: employees, when: \"employmentType == 'employee'\", grant: [staff] }\n");
    for (Department department : DEPARTMENTS) {
      yaml.append(
          "  - { name: %s-birthright, when: \"department == '%s'\", grant: [%s] }\n"
              .formatted(department.group(), department.name(), department.group()));
    }
    Files.writeString(file, yaml);
  }

  static void attribute(BufferedWriter ldif, String name, String value) throws IOException {
    boolean safe = !value.isEmpty() && value.charAt(0) != ' ' && value.charAt(0) != ':';
    safe &= value.charAt(0) != '<' && value.charAt(value.length() - 1) != ' ';
    for (int index = 0; safe && index < value.length(); index++) {
      char character = value.charAt(index);
      safe = character >= 0x20 && character < 0x7f;
    }
    if (safe) {
      ldif.write(name + ": " + value + "\n");
    } else {
      ldif.write(
          name
              + ":: "
              + Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8))
              + "\n");
    }
  }

  /** A capitalised family name of four syllables, different for every index below 2^24. */
  static String familyName(int index) {
    int code = (int) ((index * 1_000_003L + 7_777_777L) & 0xFFFFFF);
    StringBuilder name = new StringBuilder(8);
    for (int syllable = 0; syllable < 4; syllable++) {
      int digit = (code >> (6 * syllable)) & 63;
      name.append(CONSONANTS.charAt(digit >> 2)).append(VOWELS.charAt(digit & 3));
    }
    name.setCharAt(0, Character.toUpperCase(name.charAt(0)));
    return name.toString();
  }

  static Department department(int percentile) {
    int sum = 0;
    for (Department department : DEPARTMENTS) {
      sum += department.percent();
      if (percentile < sum) {
        return department;
      }
    }
    return DEPARTMENTS.get(0);
  }

  static String groupOf(String departmentName) {
    for (Department department : DEPARTMENTS) {
      if (department.name().equals(departmentName)) {
        return department.group();
      }
    }
    throw new IllegalArgumentException(departmentName);
  }

  /** Tenure's {@code username(s)} for these names: accents dropped, lower-case a-z and 0-9. */
  static String fold(String text) {
    String decomposed = Normalizer.normalize(text, Normalizer.Form.NFKD).toLowerCase(Locale.ROOT);
    StringBuilder kept = new StringBuilder(decomposed.length());
    for (char character : decomposed.toCharArray()) {
      if ((character >= 'a' && character <= 'z') || (character >= '0' && character <= '9')) {
        kept.append(character);
      }
    }
    return kept.toString();
  }

  /** Tenure's numbering on collision: the name, else name2, name3, ... cut to the maximum. */
  static String username(String preferred, Set<String> taken) {
    String name = cut(preferred, USERNAME_MAX_LENGTH);
    for (int number = 2; !taken.add(name); number++) {
      String suffix = Integer.toString(number);
      name = cut(preferred, USERNAME_MAX_LENGTH - suffix.length()) + suffix;
    }
    return name;
  }

  static String cut(String text, int length) {
    return text.length() <= length ? text : text.substring(0, length);
  }
}
