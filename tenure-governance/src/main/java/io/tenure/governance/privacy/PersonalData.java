package io.tenure.governance.privacy;

import io.tenure.core.account.KnownAccount;
import io.tenure.core.identity.Identity;
import io.tenure.core.identity.IdentityId;
import io.tenure.core.identity.LifecycleState;
import io.tenure.engine.account.AccountRepository;
import io.tenure.engine.audit.AuditEvent;
import io.tenure.engine.audit.AuditLog;
import io.tenure.engine.audit.AuditQuery;
import io.tenure.engine.audit.AuditRecord;
import io.tenure.engine.identity.IdentityRepository;
import io.tenure.engine.ingest.ErasedPeople;
import io.tenure.engine.store.Transactions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Everything Tenure holds about one person, and its pseudonymisation.
 *
 * <p>{@link #export} gives, as one JSON document: the identity (state, attributes, employment,
 * usernames, each source's values), the accounts Tenure knows of theirs, their access history (the
 * operations that changed their accounts) and every other audit event about them.
 *
 * <p>Once pseudonymised, the export shows the pseudonymised audit records (found by the pseudonym).
 *
 * <p>{@link #pseudonymise} is for after the retention delete (the person terminated or purged, none
 * of their accounts left): every audit record about them gets a pseudonym instead of their identity
 * id, and the values that identify them (employee id, names, e-mail, usernames, the configured
 * correlation keys: see {@link #personalValues}) are removed from its actor, subject, reason and
 * details, while other values (department, title) stay; the identity keeps only its id, state
 * (purged) and the pseudonym. It happens by itself when the retention delete removes a leaver's
 * last account ({@link #afterAccountDeleted}), and on demand. The audit chain still verifies (the
 * store lists the records and a keyed digest of their new content in an {@code audit.pseudonymised}
 * record). A tombstone of the person's identifying values ({@link ErasedPeople}: keyed digests
 * only) is written in the same transaction, so that the next import of a source that still lists
 * them neither finds nor re-creates them.
 */
public final class PersonalData {

  /** What replaces a removed personal value. */
  public static final String REMOVED = "[removed]";

  /**
   * The identity attributes that identify a person whatever the configuration says: names, e-mail
   * addresses, employee id, phone numbers.
   */
  public static final Set<String> IDENTIFYING_BY_DEFAULT =
      Set.of(
          "employeeId",
          "employeeNumber",
          "givenName",
          "familyName",
          "firstName",
          "lastName",
          "middleName",
          "preferredName",
          "displayName",
          "fullName",
          "name",
          "email",
          "mail",
          "personalEmail",
          "phone",
          "mobile",
          "telephoneNumber",
          "username",
          "login",
          "userPrincipalName");

  private static final JsonMapper MAPPER = JsonMapper.builder().build();
  private static final int PAGE = 1000;

  private final IdentityRepository identities;
  private final AccountRepository accounts;
  private final AuditLog audit;
  private final Transactions transactions;
  private final Clock clock;
  private final Supplier<String> pseudonyms;
  private final Set<String> identifying;
  private final ErasedPeople erased;

  /** Removes the values of {@link #IDENTIFYING_BY_DEFAULT} only (and usernames, the id). */
  public PersonalData(
      IdentityRepository identities,
      AccountRepository accounts,
      AuditLog audit,
      Transactions transactions,
      Clock clock,
      Supplier<String> pseudonyms) {
    this(identities, accounts, audit, transactions, clock, pseudonyms, Set.of());
  }

  /**
   * @param pseudonyms new random pseudonyms (never derived from the person's data)
   * @param identifying identity attributes whose values identify the person, besides {@link
   *     #IDENTIFYING_BY_DEFAULT} (the sources' correlation keys, the targets' correlation rules'
   *     identity attributes); other attribute values (department, title, location) are kept
   */
  public PersonalData(
      IdentityRepository identities,
      AccountRepository accounts,
      AuditLog audit,
      Transactions transactions,
      Clock clock,
      Supplier<String> pseudonyms,
      Collection<String> identifying) {
    this(
        identities,
        accounts,
        audit,
        transactions,
        clock,
        pseudonyms,
        identifying,
        ErasedPeople.none());
  }

  /**
   * @param erased where a tombstone of each pseudonymised person's identifying values is kept
   *     (written in the same transaction as the pseudonymisation), so that an import that still
   *     lists them does not bring them back
   */
  public PersonalData(
      IdentityRepository identities,
      AccountRepository accounts,
      AuditLog audit,
      Transactions transactions,
      Clock clock,
      Supplier<String> pseudonyms,
      Collection<String> identifying,
      ErasedPeople erased) {
    this.erased = erased;
    TreeSet<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    names.addAll(IDENTIFYING_BY_DEFAULT);
    names.addAll(identifying);
    this.identifying = Collections.unmodifiableSet(names);
    this.identities = identities;
    this.accounts = accounts;
    this.audit = audit;
    this.transactions = transactions;
    this.clock = clock;
    this.pseudonyms = pseudonyms;
  }

  /**
   * The person with this identity id or employee id.
   *
   * @throws IllegalArgumentException when nobody or several people have it
   */
  public Identity person(String key) {
    return transactions.inTransaction(
        () -> {
          var byId = identities.find(new IdentityId(key));
          if (byId.isPresent()) {
            return byId.get();
          }
          List<IdentityId> found = identities.findByAttribute("employeeId", key);
          if (found.isEmpty()) {
            throw new IllegalArgumentException("nobody has the id or employee id " + key);
          }
          if (found.size() > 1) {
            throw new IllegalArgumentException(
                found.size() + " people have the employee id " + key);
          }
          return identities.find(found.get(0)).orElseThrow();
        });
  }

  /** Everything Tenure holds about the person, as one JSON object. */
  public ObjectNode export(String key) {
    Identity person = person(key);
    ObjectNode root = MAPPER.createObjectNode();
    root.put("exportedAt", clock.instant().toString());
    ObjectNode identity = root.putObject("identity");
    identity.put("id", person.id().value());
    identity.put("state", person.state().name());
    ObjectNode attributes = identity.putObject("attributes");
    person.attributes().forEach(attributes::put);
    ObjectNode employment = identity.putObject("employment");
    employment.put("status", person.employment().status().name());
    employment.put("startDate", person.employment().start().map(Object::toString).orElse(null));
    employment.put("endDate", person.employment().end().map(Object::toString).orElse(null));
    ObjectNode usernames = identity.putObject("usernames");
    person.usernames().forEach(usernames::put);
    ObjectNode sources = identity.putObject("sources");
    person
        .sourceAttributes()
        .forEach(
            (source, values) -> {
              ObjectNode node = sources.putObject(source);
              values.forEach(node::put);
            });
    ArrayNode accountArray = root.putArray("accounts");
    List<KnownAccount> known =
        transactions.inTransaction(() -> accounts.findByOwners(List.of(person.id())));
    known.stream()
        .sorted(Comparator.comparing((KnownAccount account) -> account.target().value()))
        .forEach(
            account -> {
              ObjectNode node = accountArray.addObject();
              node.put("target", account.target().value());
              node.put("username", account.username());
              node.put("nativeId", account.nativeId());
              node.put("enabled", account.enabled());
              ArrayNode entitlements = node.putArray("entitlements");
              account.entitlements().forEach(entitlements::add);
              ObjectNode values = node.putObject("attributes");
              account.attributes().forEach(values::put);
              node.put(
                  "disabledAt",
                  account.disabledAt() == null ? null : account.disabledAt().toString());
            });
    ArrayNode history = root.putArray("accessHistory");
    ArrayNode events = root.putArray("auditEvents");
    IdentityId trail = new IdentityId(person.attribute("pseudonym").orElse(person.id().value()));
    for (AuditRecord record : about(trail)) {
      ObjectNode node =
          (record.event().action().startsWith("operation.") ? history : events).addObject();
      node.put("sequence", record.sequence());
      node.put("at", record.event().at().toString());
      node.put("actor", record.event().actor());
      node.put("action", record.event().action());
      node.put("subject", record.event().subject());
      node.put("reason", record.event().reason());
      node.put("outcome", record.event().outcome());
      ObjectNode details = node.putObject("details");
      record.event().details().forEach(details::put);
    }
    return root;
  }

  /** Every audit record about the person, oldest first. */
  private List<AuditRecord> about(IdentityId person) {
    List<AuditRecord> all = new ArrayList<>();
    Long before = null;
    while (true) {
      List<AuditRecord> page =
          audit.search(new AuditQuery(person.value(), null, null, null, null, before, PAGE));
      all.addAll(page);
      if (page.size() < PAGE) {
        break;
      }
      before = page.get(page.size() - 1).sequence();
    }
    all.sort(Comparator.comparingLong(AuditRecord::sequence));
    return all;
  }

  /** What {@link #pseudonymise} did. */
  public record Pseudonymised(IdentityId identity, String pseudonym, int records) {}

  /**
   * Pseudonymises the person's audit trail and identity. Idempotent: a person already pseudonymised
   * is left as they are (no records replaced, their pseudonym returned).
   *
   * @throws IllegalStateException when the person is not terminated, or an account of theirs is
   *     still known (the retention delete has not happened yet)
   */
  public synchronized Pseudonymised pseudonymise(String key, String actor) {
    Identity person = person(key);
    if (pseudonymised(person)) {
      return new Pseudonymised(person.id(), person.attribute("pseudonym").orElseThrow(), 0);
    }
    if (person.state() != LifecycleState.TERMINATED && person.state() != LifecycleState.PURGED) {
      throw new IllegalStateException(
          key
              + " is "
              + person.state()
              + ": only a leaver's data is pseudonymised, after the retention delete");
    }
    List<KnownAccount> left =
        transactions.inTransaction(() -> accounts.findByOwners(List.of(person.id())));
    if (!left.isEmpty()) {
      throw new IllegalStateException(
          key
              + " still has "
              + left.size()
              + " account(s) ("
              + left.get(0).target()
              + "/"
              + left.get(0).username()
              + "): pseudonymise after the retention delete");
    }
    return pseudonymised(person, actor, "personal data removed after the retention delete");
  }

  /**
   * What the retention delete does once an account of the person went: when they are a leaver
   * (terminated or purged) with no account left and not yet pseudonymised, their audit trail and
   * identity are pseudonymised as {@link #pseudonymise} does, audited with the actor of the delete;
   * otherwise nothing. Never throws: a failure is recorded as an {@code
   * identity.pseudonymise-failed} audit event (the explicit command can be run later).
   *
   * @return what was pseudonymised, empty when nothing was
   */
  public synchronized Optional<Pseudonymised> afterAccountDeleted(IdentityId owner, String actor) {
    try {
      Optional<Identity> found = transactions.inTransaction(() -> identities.find(owner));
      if (found.isEmpty() || pseudonymised(found.get())) {
        return Optional.empty();
      }
      Identity person = found.get();
      if (person.state() != LifecycleState.TERMINATED && person.state() != LifecycleState.PURGED) {
        return Optional.empty();
      }
      if (!transactions.inTransaction(() -> accounts.findByOwners(List.of(owner))).isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(
          pseudonymised(
              person,
              actor,
              "personal data removed after the retention delete of the last account"));
    } catch (RuntimeException e) {
      transactions.run(
          () ->
              audit.append(
                  new AuditEvent(
                      clock.instant(),
                      actor,
                      "identity.pseudonymise-failed",
                      "identity " + owner.value(),
                      "the last account went in the retention delete; run 'tenure person"
                          + " pseudonymise "
                          + owner.value()
                          + "'",
                      "failure",
                      Map.of("error", String.valueOf(e.getMessage())))));
      return Optional.empty();
    }
  }

  private static boolean pseudonymised(Identity person) {
    return person.state() == LifecycleState.PURGED && person.attribute("pseudonym").isPresent();
  }

  private Pseudonymised pseudonymised(Identity person, String actor, String reason) {
    String pseudonym = "pseudonym-" + pseudonyms.get();
    Map<String, String> replace = personalValues(person, pseudonym, identifying);
    return transactions.inTransaction(
        () -> {
          Map<Long, AuditEvent> replacements = new HashMap<>();
          for (AuditRecord record : about(person.id())) {
            replacements.put(record.sequence(), replaced(record.event(), replace));
          }
          erased.remember(tombstoned(person, identifying), clock.instant());
          identities.save(
              new Identity(
                  person.id(),
                  LifecycleState.PURGED,
                  Map.of("pseudonym", pseudonym),
                  new io.tenure.core.identity.Employment(person.employment().status(), null, null),
                  Map.of()));
          audit.pseudonymise(
              replacements,
              new AuditEvent(
                  clock.instant(),
                  actor,
                  "audit.pseudonymised",
                  "identity " + pseudonym,
                  reason,
                  "success",
                  Map.of("pseudonym", pseudonym)));
          return new Pseudonymised(person.id(), pseudonym, replacements.size());
        });
  }

  /**
   * Each value that identifies the person and what replaces it, longest first (so a name inside
   * another goes too): the values of the identifying attributes (also as each source gave them),
   * the usernames, and the identity id (replaced by the pseudonym). Other attribute values, such as
   * the department or title, are kept: they describe the job, not the person.
   */
  static Map<String, String> personalValues(
      Identity person, String pseudonym, Set<String> identifying) {
    Map<String, String> values =
        new TreeMap<>(
            Comparator.comparingInt(String::length)
                .reversed()
                .thenComparing(Comparator.naturalOrder()));
    Set<String> personal = new LinkedHashSet<>();
    identifyingValues(person.attributes(), identifying, personal);
    person
        .sourceAttributes()
        .values()
        .forEach(source -> identifyingValues(source, identifying, personal));
    personal.addAll(person.usernames().values());
    for (String value : personal) {
      if (value != null && value.strip().length() >= 2) {
        values.put(value.strip(), REMOVED);
      }
    }
    values.put(person.id().value(), pseudonym);
    return values;
  }

  /**
   * The values of the identifying attributes (the correlation keys among them), by attribute, as
   * the identity and each source held them: what the tombstone keeps a digest of.
   */
  static Map<String, Set<String>> tombstoned(Identity person, Set<String> identifying) {
    TreeSet<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    names.addAll(identifying);
    Map<String, Set<String>> values = new TreeMap<>();
    List<Map<String, String>> all = new ArrayList<>();
    all.add(person.attributes());
    all.addAll(person.sourceAttributes().values());
    for (Map<String, String> attributes : all) {
      attributes.forEach(
          (name, value) -> {
            if (names.contains(name) && value != null && !value.isBlank()) {
              values.computeIfAbsent(name, ignored -> new TreeSet<>()).add(value.strip());
            }
          });
    }
    return values;
  }

  private static void identifyingValues(
      Map<String, String> attributes, Set<String> identifying, Set<String> into) {
    TreeSet<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    names.addAll(identifying);
    attributes.forEach(
        (name, value) -> {
          if (names.contains(name)) {
            into.add(value);
          }
        });
  }

  /** The event with every personal value replaced (time, action and outcome kept). */
  static AuditEvent replaced(AuditEvent event, Map<String, String> replace) {
    Map<String, String> details = new TreeMap<>();
    event.details().forEach((name, value) -> details.put(name, scrub(value, replace)));
    return new AuditEvent(
        event.at(),
        scrub(event.actor(), replace),
        event.action(),
        scrub(event.subject(), replace),
        scrub(event.reason(), replace),
        event.outcome(),
        details);
  }

  /**
   * The text with each value replaced wherever it stands as a whole (not inside a longer word or
   * number: {@code Ann} stays in {@code Annual}), ignoring case.
   */
  private static String scrub(String text, Map<String, String> replace) {
    String result = text;
    for (Map.Entry<String, String> value : replace.entrySet()) {
      if (result.toLowerCase(Locale.ROOT).contains(value.getKey().toLowerCase(Locale.ROOT))) {
        result =
            Pattern.compile(
                    "(?<![\\p{L}\\p{N}])" + Pattern.quote(value.getKey()) + "(?![\\p{L}\\p{N}])",
                    Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE)
                .matcher(result)
                .replaceAll(Matcher.quoteReplacement(value.getValue()));
      }
    }
    return result;
  }
}
