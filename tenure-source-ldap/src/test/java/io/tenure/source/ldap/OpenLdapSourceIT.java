package io.tenure.source.ldap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPURL;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import io.tenure.core.source.RecordProblem;
import io.tenure.engine.configuration.LdapSourceSettings;
import io.tenure.engine.configuration.SourceDefinition;
import io.tenure.engine.ingest.SourceFileException;
import io.tenure.engine.ingest.SourceRead;
import io.tenure.engine.ingest.SourceReaders;
import io.tenure.engine.ingest.SourceRow;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * An existing directory as a source, on the shared OpenLDAP: the entries of a fresh organisational
 * unit (removed at the end), mapped by their attributes and located by their DN.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenLdapSourceIT {

  private static final String URL =
      System.getProperty("tenure.it.ldap.url", "ldap://127.0.0.1:3389");
  private static final String ADMIN = "cn=admin,dc=example,dc=com";
  private static final String PASSWORD = "secret";

  private final String unitName = "source-" + UUID.randomUUID().toString().substring(0, 8);
  private final String unit = "ou=" + unitName + ",dc=example,dc=com";

  private static LDAPConnection admin() throws Exception {
    LDAPURL url = new LDAPURL(URL);
    return new LDAPConnection(url.getHost(), url.getPort(), ADMIN, PASSWORD);
  }

  @BeforeAll
  void addEntries() throws Exception {
    try (LDAPConnection connection = admin()) {
      connection.add("dn: " + unit, "objectClass: organizationalUnit", "ou: " + unitName);
      connection.add(
          "dn: uid=ada," + unit,
          "objectClass: inetOrgPerson",
          "uid: ada",
          "cn: Ada Lovelace",
          "sn: Lovelace",
          "givenName: Ada",
          "employeeNumber: E1",
          "mail: ada.lovelace@example.com",
          "mail: ada@example.com",
          "mobile: +44 20 7946 0001");
      connection.add(
          "dn: uid=bob," + unit,
          "objectClass: inetOrgPerson",
          "uid: bob",
          "cn: Bob Baker",
          "sn: Baker",
          "employeeNumber: E2",
          "mail: bob@example.com");
      connection.add(
          "dn: uid=svc-backup," + unit,
          "objectClass: inetOrgPerson",
          "uid: svc-backup",
          "cn: Backup",
          "sn: Service",
          "mail: backup@example.com");
      connection.add(
          "dn: cn=not-a-person," + unit, "objectClass: organizationalRole", "cn: not-a-person");
    }
  }

  @AfterAll
  void removeEntries() throws Exception {
    removeSubtree(unit);
  }

  /** Deletes the entry and everything below it, leaves first. */
  private static void removeSubtree(String base) throws Exception {
    try (LDAPConnection connection = admin()) {
      List<DN> entries = new ArrayList<>();
      for (SearchResultEntry entry :
          connection
              .search(base, SearchScope.SUB, Filter.createPresenceFilter("objectClass"), "1.1")
              .getSearchEntries()) {
        entries.add(entry.getParsedDN());
      }
      entries.sort(Comparator.comparingInt((DN entry) -> entry.getRDNs().length).reversed());
      for (DN entry : entries) {
        connection.delete(entry.toString());
      }
    }
  }

  private SourceDefinition source(String url, String filter) {
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("employeeId", "employeeNumber");
    attributes.put("email", "mail");
    attributes.put("mobile", "mobile");
    attributes.put("login", "uid.upperAscii()");
    return new SourceDefinition(
            "directory",
            LdapSourceReaderFactory.TYPE,
            Path.of(""),
            "employeeId",
            List.of(),
            attributes,
            Set.of("email"),
            null,
            StandardCharsets.UTF_8)
        .withConnection(
            LdapSourceReaderFactory.TYPE,
            new LdapSourceSettings(url, ADMIN, PASSWORD, unit, filter));
  }

  private static List<SourceRow> rows(SourceDefinition source) {
    try (SourceRead read = SourceReaders.load().readerOf(source).open(source, Optional.empty())) {
      return read.rows().toList();
    }
  }

  @Test
  void entriesAreMappedByTheirAttributesAndBadOnesNameTheirDn() {
    List<SourceRow> rows = rows(source(URL, "(objectClass=inetOrgPerson)"));

    assertThat(rows).hasSize(3);
    SourceRow ada =
        rows.stream()
            .filter(row -> row.location().toString().equals("uid=ada," + unit))
            .findFirst()
            .orElseThrow();
    assertThat(ada.record().attributes())
        .containsEntry("employeeId", "E1")
        .containsEntry("email", "ada.lovelace@example.com")
        .containsEntry("mobile", "+44 20 7946 0001")
        .containsEntry("login", "ADA");
    assertThat(ada.record().reportedEmployment()).isEmpty();
    assertThat(rows.stream().flatMap(row -> row.problems().stream()).map(RecordProblem::render))
        .containsExactly(
            "uid=svc-backup,"
                + unit
                + ": column employeeNumber: the key attribute employeeId is empty");
  }

  /**
   * A directory of more entries than a page is read whole, each entry once; a read closed after its
   * first rows ends at once (with a queue of streamed entries it used to wait for ever for room for
   * the entries nobody would read).
   */
  @Test
  void moreEntriesThanAPageAreReadWholeAndAReadClosedEarlyEndsAtOnce() throws Exception {
    int entries = 2 * LdapSourceReader.PAGE_SIZE + 200;
    String bulkName = unitName + "-bulk";
    String bulk = "ou=" + bulkName + ",dc=example,dc=com";
    try (LDAPConnection connection = admin()) {
      connection.add("dn: " + bulk, "objectClass: organizationalUnit", "ou: " + bulkName);
      for (int index = 1; index <= entries; index++) {
        connection.add(
            "dn: uid=bulk" + index + "," + bulk,
            "objectClass: inetOrgPerson",
            "uid: bulk" + index,
            "cn: Bulk " + index,
            "sn: Bulk",
            "employeeNumber: B" + index,
            "mail: bulk" + index + "@example.com");
      }
    }
    try {
      SourceDefinition source =
          source(URL, "(objectClass=inetOrgPerson)")
              .withConnection(
                  LdapSourceReaderFactory.TYPE,
                  new LdapSourceSettings(
                      URL, ADMIN, PASSWORD, bulk, "(objectClass=inetOrgPerson)"));
      List<SourceRow> rows = rows(source);
      assertThat(rows).hasSize(entries).allMatch(SourceRow::isAccepted);
      assertThat(rows.stream().map(row -> row.record().attributes().get("employeeId")).distinct())
          .hasSize(entries);
      assertTimeoutPreemptively(
          Duration.ofSeconds(30),
          () -> {
            try (SourceRead read =
                SourceReaders.load().readerOf(source).open(source, Optional.empty())) {
              assertThat(read.rows().limit(10)).hasSize(10);
            }
          });
    } finally {
      removeSubtree(bulk);
    }
  }

  @Test
  void anUnreachableDirectoryOrABadBaseRefusesTheSourceAsAWhole() {
    assertThatThrownBy(() -> rows(source("ldap://127.0.0.1:1", "(objectClass=*)")))
        .isInstanceOf(SourceFileException.class)
        .hasMessageStartingWith("directory " + unit + ": cannot connect to ldap://127.0.0.1:1");
    SourceDefinition missingBase =
        source(URL, "(objectClass=*)")
            .withConnection(
                LdapSourceReaderFactory.TYPE,
                new LdapSourceSettings(
                    URL, ADMIN, PASSWORD, "ou=missing," + unit, "(objectClass=*)"));
    assertThatThrownBy(() -> rows(missingBase))
        .isInstanceOf(SourceFileException.class)
        .hasMessageContaining("ou=missing," + unit);
  }
}
