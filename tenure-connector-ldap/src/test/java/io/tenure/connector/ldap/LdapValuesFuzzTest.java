package io.tenure.connector.ldap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.RDN;
import com.unboundid.ldap.sdk.SearchResultEntry;
import io.tenure.connector.spi.AccountReference;
import io.tenure.connector.spi.ConnectorException;
import io.tenure.connector.spi.ErrorKind;
import io.tenure.connector.spi.NewAccount;
import io.tenure.connector.spi.RemoteAccount;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A seeded fuzz test of names and values through the LDAP connector, against its in-memory
 * directory: 10,000 accounts whose names and attribute values hold DN and filter syntax ({@code ,}
 * {@code +} {@code =} {@code \} {@code #} {@code *} {@code (} {@code )}, quotes, a would-be suffix
 * such as {@code ,ou=admins,dc=example,dc=com}), spaces where DNs trim them, control characters and
 * broken UTF-16, and entitlements named the same way. Never an injected DN or filter: a create
 * either lands exactly one entry directly under the accounts base, whose naming value is exactly
 * the given name, whose values are exactly the given ones, and which {@code find} returns for that
 * name and for no other; or it is refused with INVALID_INPUT and nothing is written. A granted
 * entitlement is exactly one group under the groups base. Set {@code -Dtenure.fuzz.seed=N} to
 * replay a failure (the seed is printed with it) and {@code -Dtenure.fuzz.cases=N} for more cases.
 */
class LdapValuesFuzzTest {

  private static final int CASES = Integer.getInteger("tenure.fuzz.cases", 10_000);

  private static final String[] HOSTILE = {
    ",",
    "+",
    "=",
    "\\",
    "\\,",
    "#",
    "\"",
    "<",
    ">",
    ";",
    "*",
    "(",
    ")",
    "*)(uid=*",
    ")(|(objectClass=*)",
    ",ou=groups,dc=example,dc=com",
    "uid=admin,",
    " ",
    "  ",
    "\u0000",
    "\u0007",
    "\n",
    "\t",
    "\u007F",
    "\u0085",
    "\uD800",
    "\uDC00x",
    "é",
    "李",
    "\uD83D\uDE00",
    "\\00",
    "\\2a",
    "${jndi:ldap://x}",
    ""
  };

  private static TestDirectory directory;
  private static LdapConnector connector;

  @BeforeAll
  static void start() {
    directory = new TestDirectory();
    connector = directory.connector(Map.of("groups.create", "true"));
  }

  @AfterAll
  static void stop() {
    connector.close();
    directory.close();
  }

  @Test
  void namesAndValuesLandExactlyWhereTheyBelongOrAreRefused() throws Exception {
    long seed = Long.getLong("tenure.fuzz.seed", System.nanoTime());
    Random random = new Random(seed);
    DN people = new DN(TestDirectory.PEOPLE);
    DN groups = new DN(TestDirectory.GROUPS);
    int entries = count();
    int created = 0;
    int refused = 0;
    for (int index = 0; index < CASES; index++) {
      String name = hostile(random) + "u" + index + hostile(random);
      Map<String, String> attributes = new LinkedHashMap<>();
      attributes.put("cn", "x" + hostile(random) + hostile(random));
      attributes.put("sn", hostile(random) + "y");
      if (random.nextBoolean()) {
        attributes.put("description", hostile(random) + hostile(random) + "z");
      }
      String where = replay(seed, index, name, attributes);
      RemoteAccount account;
      try {
        account = connector.create(NewAccount.of(name, attributes, true));
      } catch (ConnectorException e) {
        assertThat(e.kind()).as("%s: %s", where, e.getMessage()).isEqualTo(ErrorKind.INVALID_INPUT);
        assertThat(count()).as("%s: nothing written", where).isEqualTo(entries);
        refused++;
        continue;
      } catch (RuntimeException crash) {
        fail(where + ": the connector crashed", crash);
        return;
      }
      entries++;
      created++;
      DN dn = new DN(account.nativeId());
      assertThat(dn).as(where).isEqualTo(new DN(new RDN("uid", name), people));
      assertThat(dn.getParent())
          .as("%s: directly under the accounts base", where)
          .isEqualTo(people);
      assertThat(account.name()).as(where).isEqualTo(name);
      SearchResultEntry entry = directory.server.getEntry(dn.toString(), "*");
      assertThat(entry.getAttributeValues("uid")).as(where).containsExactly(name);
      attributes.forEach(
          (attribute, value) ->
              assertThat(entry.getAttributeValues(attribute)).as(where).containsExactly(value));
      assertThat(count()).as("%s: exactly one entry more", where).isEqualTo(entries);
      Optional<RemoteAccount> found = connector.find(name);
      assertThat(found).as(where).isPresent();
      assertThat(new DN(found.get().nativeId())).as(where).isEqualTo(dn);
      if (random.nextInt(20) == 0) {
        entries += grant(account, "g" + hostile(random) + index + hostile(random), groups, where);
      }
      if (random.nextInt(4) != 0 && entries > 200) {
        connector.delete(account.reference());
        entries = count();
      }
    }
    assertThat(created).as("accounts created").isGreaterThan(CASES / 4);
    assertThat(refused).as("accounts refused").isPositive();
    assertThat(connector.find("*")).as("a wildcard name finds nothing").isEmpty();
  }

  /** Grants the entitlement; returns how many entries it added (a new group, or none). */
  private static int grant(RemoteAccount account, String entitlement, DN groups, String where)
      throws Exception {
    int before = count();
    try {
      connector.grant(AccountReference.named(account.name()), entitlement);
    } catch (ConnectorException e) {
      assertThat(e.kind()).as("%s: %s", where, e.getMessage()).isEqualTo(ErrorKind.INVALID_INPUT);
      assertThat(count()).as(where).isEqualTo(before);
      return 0;
    }
    DN group = new DN(new RDN("cn", entitlement), groups);
    SearchResultEntry entry = directory.server.getEntry(group.toString(), "cn", "member");
    assertThat(entry).as("%s: the group of %s", where, entitlement).isNotNull();
    assertThat(entry.getAttributeValues("cn")).as(where).containsExactly(entitlement);
    assertThat(new DN(entry.getAttributeValue("member")))
        .as(where)
        .isEqualTo(new DN(account.nativeId()));
    assertThat(count()).as(where).isEqualTo(before + 1);
    return 1;
  }

  /** How many entries the directory holds. */
  private static int count() {
    return directory.server.countEntries();
  }

  private static String hostile(Random random) {
    StringBuilder text = new StringBuilder();
    int parts = random.nextInt(3);
    for (int part = 0; part < parts; part++) {
      text.append(HOSTILE[random.nextInt(HOSTILE.length)]);
    }
    return text.toString();
  }

  private static String replay(long seed, int index, String name, Map<String, String> attributes) {
    List<String> shown = new ArrayList<>();
    shown.add(escaped(name));
    attributes.forEach((attribute, value) -> shown.add(attribute + "=" + escaped(value)));
    return "case " + index + " (replay with -Dtenure.fuzz.seed=" + seed + "): " + shown;
  }

  private static String escaped(String text) {
    StringBuilder shown = new StringBuilder("\"");
    for (char character : text.toCharArray()) {
      if (character < 0x20
          || (character >= 0x7F && character <= 0x9F)
          || Character.isSurrogate(character)) {
        shown.append(String.format("\\u%04x", (int) character));
      } else {
        shown.append(character);
      }
    }
    return shown.append('"').toString();
  }
}
