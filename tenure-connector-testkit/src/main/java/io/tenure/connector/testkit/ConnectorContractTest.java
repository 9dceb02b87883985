package io.tenure.connector.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tenure.connector.spi.AccountReference;
import io.tenure.connector.spi.AttributeDelta;
import io.tenure.connector.spi.BatchCall;
import io.tenure.connector.spi.BatchCapability;
import io.tenure.connector.spi.BatchResult;
import io.tenure.connector.spi.Connector;
import io.tenure.connector.spi.ConnectorException;
import io.tenure.connector.spi.CreateCapability;
import io.tenure.connector.spi.DeleteCapability;
import io.tenure.connector.spi.EnableDisableCapability;
import io.tenure.connector.spi.EntitlementCapability;
import io.tenure.connector.spi.ErrorKind;
import io.tenure.connector.spi.NewAccount;
import io.tenure.connector.spi.RemoteAccount;
import io.tenure.connector.spi.SearchCapability;
import io.tenure.connector.spi.UpdateCapability;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The behaviour every connector must show, as JUnit tests. A connector's test class extends this
 * class and implements {@link #newConnector()}; the cases run against whatever target that
 * connector reaches (an in-memory server, a real server shared with other runs).
 *
 * <p>Every case names its accounts and entitlements with {@link #namespace()}, unique per test
 * method, so that runs against a shared server do not collide. After each case the accounts it
 * created are deleted through the connector, then {@link #cleanUp(String)} runs for whatever else
 * the subclass knows how to remove, then the connector is closed.
 *
 * <p>A capability's cases are skipped only when the connector does not implement it; every
 * connector must implement {@link CreateCapability} and {@link SearchCapability}.
 *
 * <p>Hooks: {@link #sampleAttributes(String)} (attributes a new account gets; by default the
 * inetOrgPerson-style {@code cn}, {@code sn}, {@code givenName}, {@code mail}, {@code title},
 * {@code description}), {@link #replaceableAttribute()}, {@link #clearableAttribute()}, {@link
 * #pagedAccountCount()} (configure the connector's page size well below it), {@link
 * #assertResourcesReleased(Connector)}.
 */
public abstract class ConnectorContractTest {

  private static final SecureRandom RANDOM = new SecureRandom();

  private final String namespace = "ct" + Long.toString(RANDOM.nextLong() >>> 24, 36);
  private final Set<String> createdAccounts = new LinkedHashSet<>();

  /** The connector under test, opened before each case and closed after it. */
  protected Connector connector;

  /** Creates a new connector to the target under test. Called once before each case. */
  protected abstract Connector newConnector();

  /**
   * A prefix unique to this test instance (one per case); every account and entitlement name the
   * contract uses contains it. Lower-case letters and digits, starting with a letter.
   */
  protected String namespace() {
    return namespace;
  }

  /**
   * Removes what the contract left on the target under this namespace beyond the accounts, which
   * are already deleted (for example entitlement objects that stay when empty). Default: nothing.
   */
  protected void cleanUp(String namespace) {}

  /**
   * Asserts that the connector holds no resources for streams that were closed (open cursors,
   * checked-out connections). Called after the stream cases close their streams. Default: nothing.
   */
  protected void assertResourcesReleased(Connector connector) {}

  /** How many accounts the paging case creates; the connector's page size must be smaller. */
  protected int pagedAccountCount() {
    return 120;
  }

  /** The attributes of a new account named {@code name}; single values only. */
  protected Map<String, String> sampleAttributes(String name) {
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("cn", name);
    attributes.put("sn", "Tester");
    attributes.put("givenName", "Contract");
    attributes.put("mail", "contract@example.com");
    attributes.put("title", "Engineer");
    attributes.put("description", "created by the contract test");
    return attributes;
  }

  /** An attribute of {@link #sampleAttributes} that an update may replace. */
  protected String replaceableAttribute() {
    return "title";
  }

  /** An optional attribute of {@link #sampleAttributes} that an update may clear. */
  protected String clearableAttribute() {
    return "description";
  }

  @BeforeEach
  final void openConnector() {
    connector = newConnector();
  }

  @AfterEach
  final void closeConnector() {
    try {
      if (connector instanceof DeleteCapability deleter) {
        for (String name : createdAccounts) {
          try {
            deleter.delete(AccountReference.named(name));
          } catch (ConnectorException e) {
            if (e.kind() != ErrorKind.INVALID_INPUT) {
              throw e;
            }
          }
        }
      }
    } finally {
      try {
        cleanUp(namespace());
      } finally {
        connector.close();
      }
    }
  }

  // ---- create and find ----

  @Test
  void connectorCanCreateAndSearch() {
    assertThat(connector).isInstanceOf(CreateCapability.class).isInstanceOf(SearchCapability.class);
  }

  @Test
  void createdAccountIsFoundWithItsAttributesAndEnabledFlag() {
    String name = name("alice");
    RemoteAccount created = create(name, true);
    assertThat(created.name()).isEqualTo(name);
    assertThat(created.enabled()).isTrue();

    RemoteAccount found = findExisting(name);
    assertThat(found.name()).isEqualTo(name);
    assertThat(found.nativeId()).isEqualTo(created.nativeId()).isNotBlank();
    assertThat(found.enabled()).isTrue();
    assertThat(found.entitlements()).isEmpty();
    sampleAttributes(name)
        .forEach(
            (attribute, value) ->
                assertThat(values(found, attribute)).as(attribute).containsExactly(value));
    assertThat(found.attributes().keySet())
        .as("no secret is ever read")
        .noneMatch(attribute -> attribute.toLowerCase(Locale.ROOT).contains("password"));
  }

  @Test
  void accountCreatedDisabledIsFoundDisabled() {
    assumeTrue(connector instanceof EnableDisableCapability, "no enable/disable capability");
    String name = name("bob");
    RemoteAccount created = create(name, false);
    assertThat(created.enabled()).isFalse();
    assertThat(findExisting(name).enabled()).isFalse();
  }

  @Test
  void creatingAnExistingNameFailsWithAlreadyExists() {
    String name = name("carol");
    create(name, true);
    assertThatThrownBy(() -> create(name, true))
        .isInstanceOfSatisfying(
            ConnectorException.class,
            e -> assertThat(e.kind()).isEqualTo(ErrorKind.ALREADY_EXISTS));
  }

  @Test
  void aBatchGivesEveryCallTheResultOfTheSingleCallInOrder() {
    String taken = name("dora");
    create(taken, true);
    String first = name("erin");
    String second = name("fred");
    remember(first);
    remember(second);
    List<BatchCall> calls =
        List.of(
            new BatchCall.Create(NewAccount.of(first, sampleAttributes(first), true)),
            new BatchCall.Create(NewAccount.of(taken, sampleAttributes(taken), true)),
            new BatchCall.Create(NewAccount.of(second, sampleAttributes(second), false)));

    List<BatchResult> results = new ArrayList<>();
    if (connector instanceof BatchCapability batcher) {
      assertThat(batcher.maxBatchSize()).isPositive();
      for (int start = 0; start < calls.size(); start += batcher.maxBatchSize()) {
        results.addAll(
            batcher.execute(
                calls.subList(start, Math.min(calls.size(), start + batcher.maxBatchSize()))));
      }
    } else {
      // what callers fall back to for a connector that cannot batch: the same results, singly
      calls.forEach(call -> results.add(BatchCall.runSingly(call, connector)));
    }

    assertThat(results).hasSize(3);
    assertThat(results.get(0).failed()).as("%s", results.get(0)).isFalse();
    assertThat(results.get(0).created().name()).isEqualTo(first);
    assertThat(results.get(0).created().nativeId()).isEqualTo(findExisting(first).nativeId());
    assertThat(results.get(1).failed()).isTrue();
    assertThat(results.get(1).error().kind()).isEqualTo(ErrorKind.ALREADY_EXISTS);
    assertThat(results.get(2).failed()).as("%s", results.get(2)).isFalse();
    assertThat(results.get(2).created().nativeId()).isEqualTo(findExisting(second).nativeId());
    assertThat(findExisting(second).enabled()).isFalse();
  }

  @Test
  void findOfAMissingAccountIsEmpty() {
    assertThat(search().find(name("nobody"))).isEmpty();
  }

  // ---- update ----

  @Test
  void updateChangesOnlyTheGivenAttributes() {
    assumeTrue(connector instanceof UpdateCapability, "no update capability");
    String name = name("dave");
    create(name, true);
    RemoteAccount before = findExisting(name);
    String replaced = replaceableAttribute();
    String cleared = clearableAttribute();
    List<AttributeDelta> deltas =
        List.of(AttributeDelta.replace(replaced, "Manager"), AttributeDelta.clear(cleared));

    update().update(AccountReference.named(name), deltas);
    RemoteAccount after = findExisting(name);
    assertThat(values(after, replaced)).containsExactly("Manager");
    assertThat(values(after, cleared)).isEmpty();
    assertThat(withoutAttributes(after, replaced, cleared))
        .as("attributes not named in a delta are unchanged")
        .isEqualTo(withoutAttributes(before, replaced, cleared));
    assertThat(after.enabled()).isEqualTo(before.enabled());

    update().update(after.reference(), deltas);
    update().update(AccountReference.named(name), List.of(AttributeDelta.clear(cleared)));
    assertThat(findExisting(name)).as("deltas are idempotent").isEqualTo(after);
  }

  @Test
  void updateReplacesWithSeveralValuesAndAddsANewAttribute() {
    assumeTrue(connector instanceof UpdateCapability, "no update capability");
    String name = name("erin");
    create(name, true);
    String cleared = clearableAttribute();
    update().update(AccountReference.named(name), List.of(AttributeDelta.clear(cleared)));
    update()
        .update(
            AccountReference.named(name),
            List.of(new AttributeDelta(cleared, List.of("first value", "second value"))));
    assertThat(values(findExisting(name), cleared))
        .containsExactlyInAnyOrder("first value", "second value");
  }

  @Test
  void updateOfAMissingAccountFailsWithNotFound() {
    assumeTrue(connector instanceof UpdateCapability, "no update capability");
    assertThatThrownBy(
            () ->
                update()
                    .update(
                        AccountReference.named(name("ghost")),
                        List.of(AttributeDelta.replace(replaceableAttribute(), "x"))))
        .isInstanceOfSatisfying(
            ConnectorException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND));
  }

  // ---- enable / disable ----

  @Test
  void disableIsIdempotentAndEnableRestores() {
    assumeTrue(connector instanceof EnableDisableCapability, "no enable/disable capability");
    EnableDisableCapability switcher = (EnableDisableCapability) connector;
    String name = name("frank");
    RemoteAccount created = create(name, true);
    Map<String, Set<String>> attributes = normalized(created);

    switcher.disable(AccountReference.named(name));
    switcher.disable(created.reference());
    RemoteAccount disabled = findExisting(name);
    assertThat(disabled.enabled()).isFalse();
    assertThat(normalized(disabled))
        .as("disabling changes no visible attribute")
        .isEqualTo(attributes);

    switcher.enable(AccountReference.named(name));
    assertThat(findExisting(name).enabled()).isTrue();
    switcher.enable(AccountReference.named(name));
    assertThat(findExisting(name).enabled()).isTrue();
    assertThat(normalized(findExisting(name))).isEqualTo(attributes);
  }

  @Test
  void disableOrEnableOfAMissingAccountFailsWithNotFound() {
    assumeTrue(connector instanceof EnableDisableCapability, "no enable/disable capability");
    EnableDisableCapability switcher = (EnableDisableCapability) connector;
    AccountReference ghost = AccountReference.named(name("ghost"));
    assertThatThrownBy(() -> switcher.disable(ghost))
        .isInstanceOfSatisfying(
            ConnectorException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND));
    assertThatThrownBy(() -> switcher.enable(ghost))
        .isInstanceOfSatisfying(
            ConnectorException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND));
  }

  // ---- entitlements ----

  @Test
  void grantIsIdempotentAndRevokeIsIdempotent() {
    assumeTrue(connector instanceof EntitlementCapability, "no entitlement capability");
    EntitlementCapability entitlements = (EntitlementCapability) connector;
    String alice = name("alice");
    String bob = name("bob");
    create(alice, true);
    create(bob, true);
    String staff = name("staff");
    String other = name("other");

    entitlements.grant(AccountReference.named(alice), staff);
    entitlements.grant(AccountReference.named(alice), staff);
    entitlements.grant(AccountReference.named(bob), staff);
    entitlements.grant(AccountReference.named(alice), other);
    assertThat(findExisting(alice).entitlements()).containsExactlyInAnyOrder(staff, other);
    assertThat(findExisting(bob).entitlements()).containsExactly(staff);

    entitlements.revoke(AccountReference.named(alice), staff);
    entitlements.revoke(AccountReference.named(alice), staff);
    entitlements.revoke(AccountReference.named(bob), other);
    entitlements.revoke(AccountReference.named(bob), name("never-existed"));
    assertThat(findExisting(alice).entitlements()).containsExactly(other);
    assertThat(findExisting(bob).entitlements()).containsExactly(staff);
  }

  @Test
  void revokingTheLastMemberWorksAndTheEntitlementCanBeGrantedAgain() {
    assumeTrue(connector instanceof EntitlementCapability, "no entitlement capability");
    EntitlementCapability entitlements = (EntitlementCapability) connector;
    String alice = name("alice");
    String bob = name("bob");
    create(alice, true);
    create(bob, true);
    String solo = name("solo");

    entitlements.grant(AccountReference.named(alice), solo);
    entitlements.revoke(AccountReference.named(alice), solo);
    entitlements.revoke(AccountReference.named(alice), solo);
    assertThat(findExisting(alice).entitlements()).isEmpty();

    entitlements.grant(AccountReference.named(bob), solo);
    assertThat(findExisting(bob).entitlements()).containsExactly(solo);
    assertThat(findExisting(alice).entitlements()).isEmpty();
    entitlements.revoke(AccountReference.named(bob), solo);
    assertThat(findExisting(bob).entitlements()).isEmpty();
  }

  @Test
  void grantToAMissingAccountFailsWithNotFound() {
    assumeTrue(connector instanceof EntitlementCapability, "no entitlement capability");
    EntitlementCapability entitlements = (EntitlementCapability) connector;
    assertThatThrownBy(
            () -> entitlements.grant(AccountReference.named(name("ghost")), name("staff")))
        .isInstanceOfSatisfying(
            ConnectorException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND));
  }

  // ---- delete ----

  @Test
  void deleteIsIdempotentAndRemovesMemberships() {
    assumeTrue(connector instanceof DeleteCapability, "no delete capability");
    DeleteCapability deleter = (DeleteCapability) connector;
    String name = name("gina");
    create(name, true);
    String staff = name("staff");
    if (connector instanceof EntitlementCapability entitlements) {
      entitlements.grant(AccountReference.named(name), staff);
    }

    deleter.delete(AccountReference.named(name));
    deleter.delete(AccountReference.named(name));
    assertThat(search().find(name)).isEmpty();

    RemoteAccount recreated = create(name, true);
    assertThat(recreated.entitlements())
        .as("a new account with a deleted account's name inherits nothing")
        .isEmpty();
    assertThat(findExisting(name).entitlements()).isEmpty();
  }

  // ---- streaming ----

  @Test
  void accountsStreamsEveryAccountOverSeveralPages() {
    int count = pagedAccountCount();
    Set<String> expected = new TreeSet<>();
    for (int index = 0; index < count; index++) {
      String name = name(String.format(Locale.ROOT, "page%04d", index));
      create(name, index % 2 == 0);
      expected.add(name);
    }
    String first = expected.iterator().next();
    String staff = name("paged");
    if (connector instanceof EntitlementCapability entitlements) {
      entitlements.grant(AccountReference.named(first), staff);
    }

    List<RemoteAccount> seen;
    try (Stream<RemoteAccount> accounts = search().accounts()) {
      seen = accounts.filter(account -> account.name().startsWith(namespace())).toList();
    }
    assertThat(seen).extracting(RemoteAccount::name).doesNotHaveDuplicates();
    assertThat(seen.stream().map(RemoteAccount::name).collect(Collectors.toSet()))
        .isEqualTo(expected);
    RemoteAccount firstSeen =
        seen.stream().filter(account -> account.name().equals(first)).findFirst().orElseThrow();
    assertThat(firstSeen).isEqualTo(findExisting(first));
    if (connector instanceof EntitlementCapability) {
      assertThat(firstSeen.entitlements()).containsExactly(staff);
    }
    assertResourcesReleased(connector);
  }

  @Test
  void closingPartlyReadStreamsReleasesThem() {
    for (int index = 0; index < 3; index++) {
      create(name("s" + index), true);
    }
    for (int round = 0; round < 12; round++) {
      try (Stream<RemoteAccount> accounts = search().accounts()) {
        assertThat(accounts.findFirst()).isPresent();
      }
    }
    assertResourcesReleased(connector);
    assertThat(search().find(name("s0"))).isPresent();
  }

  // ---- hostile input ----

  /** Name templates; {@code {}} stands for the namespace. */
  static Stream<String> hostileNames() {
    return Stream.of(
        "{}-comma, name",
        "{}-plus+name",
        "{}-double\"quote",
        "{}-o'brien",
        "{}-back\\slash",
        "{}-star*name",
        "{}-paren(name)",
        "{}-equals=name",
        "{}-less<greater>",
        "{}-semi;colon",
        "#{}-hash",
        " {}-leading",
        "{}-trailing ",
        "{}-Zoë Ñúñez",
        "{}-李小龍",
        "{}*)(uid=*",
        "{}*",
        "{}-x)(|(objectClass=*)");
  }

  @ParameterizedTest(name = "[{index}] \"{0}\"")
  @MethodSource("hostileNames")
  void hostileNamesRoundTripOrAreRejectedCleanly(String template) {
    String bystander = name("bystander");
    create(bystander, true);
    RemoteAccount bystanderBefore = findExisting(bystander);
    String hostile = template.replace("{}", namespace());

    Optional<RemoteAccount> early = findOrRejected(hostile);
    assertThat(early).as("find(%s) before create matches nothing", hostile).isEmpty();

    Map<String, String> attributes = sampleAttributes(hostile);
    attributes.put(clearableAttribute(), "value with " + hostile.strip());
    RemoteAccount created;
    try {
      created = creator().create(NewAccount.of(hostile, attributes, true));
      createdAccounts.add(hostile);
    } catch (ConnectorException e) {
      assertThat(e.kind()).as("rejection of %s", hostile).isEqualTo(ErrorKind.INVALID_INPUT);
      assertThat(search().find(bystander)).contains(bystanderBefore);
      return;
    }
    assertThat(created.name()).isEqualTo(hostile);
    RemoteAccount found = findExisting(hostile);
    assertThat(found.name()).isEqualTo(hostile);
    assertThat(values(found, clearableAttribute()))
        .containsExactly("value with " + hostile.strip());

    if (connector instanceof EntitlementCapability entitlements) {
      String group = template.replace("{}", namespace() + "g");
      try {
        entitlements.grant(found.reference(), group);
        assertThat(findExisting(hostile).entitlements()).containsExactly(group);
        entitlements.revoke(AccountReference.named(hostile), group);
        assertThat(findExisting(hostile).entitlements()).isEmpty();
      } catch (ConnectorException e) {
        assertThat(e.kind()).as("grant of %s", group).isEqualTo(ErrorKind.INVALID_INPUT);
      }
    }
    if (connector instanceof UpdateCapability updater) {
      updater.update(
          AccountReference.named(hostile),
          List.of(AttributeDelta.replace(replaceableAttribute(), hostile.strip() + "*")));
      assertThat(values(findExisting(hostile), replaceableAttribute()))
          .containsExactly(hostile.strip() + "*");
    }
    assertThat(search().find(bystander)).as("the bystander is untouched").contains(bystanderBefore);
    if (connector instanceof DeleteCapability deleter) {
      deleter.delete(AccountReference.named(hostile));
      assertThat(search().find(hostile)).isEmpty();
      assertThat(search().find(bystander)).isPresent();
    }
  }

  @Test
  void filterInjectionInFindMatchesNoOtherAccount() {
    create(name("alpha"), true);
    create(name("beta"), true);
    for (String attempt :
        List.of(
            namespace() + "*",
            namespace() + "*)(uid=*",
            namespace() + "-alpha)(|(uid=*",
            "*",
            namespace() + "-alpha*",
            namespace() + "-alph\\2a")) {
      assertThat(findOrRejected(attempt)).as("find(%s)", attempt).isEmpty();
    }
  }

  // ---- helpers for subclasses ----

  /** {@code namespace() + "-" + suffix}. */
  protected final String name(String suffix) {
    return namespace() + "-" + suffix;
  }

  /** Creates an account with {@link #sampleAttributes} and remembers it for clean-up. */
  protected final RemoteAccount create(String name, boolean enabled) {
    RemoteAccount created = creator().create(NewAccount.of(name, sampleAttributes(name), enabled));
    createdAccounts.add(name);
    return created;
  }

  /** Remembers an account created outside {@link #create} so that it is deleted after the case. */
  protected final void remember(String accountName) {
    createdAccounts.add(accountName);
  }

  /** The account, which must exist. */
  protected final RemoteAccount findExisting(String name) {
    Optional<RemoteAccount> found = search().find(name);
    if (found.isEmpty()) {
      fail("account '" + name + "' not found");
    }
    return found.get();
  }

  /** The values of an attribute, looked up ignoring case; empty if absent. */
  protected static List<String> values(RemoteAccount account, String attribute) {
    for (Map.Entry<String, List<String>> entry : account.attributes().entrySet()) {
      if (entry.getKey().equalsIgnoreCase(attribute)) {
        return entry.getValue();
      }
    }
    return List.of();
  }

  private Optional<RemoteAccount> findOrRejected(String name) {
    try {
      return search().find(name);
    } catch (ConnectorException e) {
      assertThat(e.kind()).as("rejection of find(%s)", name).isEqualTo(ErrorKind.INVALID_INPUT);
      return Optional.empty();
    }
  }

  private static Map<String, Set<String>> normalized(RemoteAccount account) {
    Map<String, Set<String>> result = new TreeMap<>();
    account
        .attributes()
        .forEach(
            (attribute, values) ->
                result.put(attribute.toLowerCase(Locale.ROOT), new HashSet<>(values)));
    return result;
  }

  private static Map<String, Set<String>> withoutAttributes(
      RemoteAccount account, String... removed) {
    Map<String, Set<String>> result = normalized(account);
    for (String attribute : removed) {
      result.remove(attribute.toLowerCase(Locale.ROOT));
    }
    return result;
  }

  private CreateCapability creator() {
    assertThat(connector).isInstanceOf(CreateCapability.class);
    return (CreateCapability) connector;
  }

  private SearchCapability search() {
    assertThat(connector).isInstanceOf(SearchCapability.class);
    return (SearchCapability) connector;
  }

  private UpdateCapability update() {
    return (UpdateCapability) connector;
  }
}
