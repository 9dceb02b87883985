package io.tenure.engine.privacy;

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
import io.tenure.engine.store.Transactions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
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
 * id, and their employee id, usernames and attribute values are removed from its actor, subject,
 * reason and details; the identity keeps only its id, state (purged) and the pseudonym. The audit
 * chain still verifies (the store lists the records and a keyed digest of their new content in an
 * {@code audit.pseudonymised} record).
 */
public final class PersonalData {

  /** What replaces a removed personal value. */
  public static final String REMOVED = "[removed]";

  private static final JsonMapper MAPPER = JsonMapper.builder().build();
  private static final int PAGE = 1000;

  private final IdentityRepository identities;
  private final AccountRepository accounts;
  private final AuditLog audit;
  private final Transactions transactions;
  private final Clock clock;
  private final Supplier<String> pseudonyms;

  /**
   * @param pseudonyms new random pseudonyms (never derived from the person's data)
   */
  public PersonalData(
      IdentityRepository identities,
      AccountRepository accounts,
      AuditLog audit,
      Transactions transactions,
      Clock clock,
      Supplier<String> pseudonyms) {
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
   * Pseudonymises the person's audit trail and identity.
   *
   * @throws IllegalStateException when the person is not terminated, or an account of theirs is
   *     still known (the retention delete has not happened yet)
   */
  public Pseudonymised pseudonymise(String key, String actor) {
    Identity person = person(key);
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
    String pseudonym = "pseudonym-" + pseudonyms.get();
    Map<String, String> replace = personalValues(person, pseudonym);
    return transactions.inTransaction(
        () -> {
          Map<Long, AuditEvent> replacements = new HashMap<>();
          for (AuditRecord record : about(person.id())) {
            replacements.put(record.sequence(), replaced(record.event(), replace));
          }
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
                  "personal data removed after the retention delete",
                  "success",
                  Map.of("pseudonym", pseudonym)));
          return new Pseudonymised(person.id(), pseudonym, replacements.size());
        });
  }

  /**
   * Each personal value and what replaces it, longest first (so a name inside another goes too).
   */
  static Map<String, String> personalValues(Identity person, String pseudonym) {
    Map<String, String> values =
        new TreeMap<>(
            Comparator.comparingInt(String::length)
                .reversed()
                .thenComparing(Comparator.naturalOrder()));
    Set<String> personal = new LinkedHashSet<>();
    personal.addAll(person.attributes().values());
    person.sourceAttributes().values().forEach(source -> personal.addAll(source.values()));
    personal.addAll(person.usernames().values());
    for (String value : personal) {
      if (value != null && value.strip().length() >= 3) {
        values.put(value.strip(), REMOVED);
      }
    }
    values.put(person.id().value(), pseudonym);
    return values;
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

  private static String scrub(String text, Map<String, String> replace) {
    String result = text;
    for (Map.Entry<String, String> value : replace.entrySet()) {
      if (result.contains(value.getKey())) {
        result = result.replace(value.getKey(), value.getValue());
      }
    }
    return result;
  }
}
