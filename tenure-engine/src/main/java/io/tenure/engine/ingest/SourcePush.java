package io.tenure.engine.ingest;

import io.tenure.core.correlation.Correlation;
import io.tenure.core.correlation.Correlator;
import io.tenure.core.correlation.IdentityLookup;
import io.tenure.core.identity.Employment;
import io.tenure.core.identity.EmploymentStatus;
import io.tenure.core.identity.Identity;
import io.tenure.core.identity.IdentityId;
import io.tenure.core.lifecycle.Lifecycle;
import io.tenure.core.lifecycle.LifecycleEvent;
import io.tenure.engine.audit.AuditEvent;
import io.tenure.engine.audit.AuditLog;
import io.tenure.engine.configuration.LifecycleSettings;
import io.tenure.engine.configuration.SourceDefinition;
import io.tenure.engine.identity.IdentityRepository;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What one record pushed by a {@link PushSource} (a SCIM client, ...) does to the identity store:
 * the record is merged into the identity as that source's report ({@link SourceMerge}, by attribute
 * authority), its employment follows the record's active flag, the identity is saved if it changed
 * and each lifecycle event (joiner, mover, leaver, rehire, ...) is audited.
 *
 * <p>A push that would change what another source decides for the person is refused as a whole
 * ({@link PushRefused}) and nothing of it is saved: a correlation key of another configured source
 * that knows the person, an attribute another source outranks the pushing one for, or the
 * employment when another source decides the person's lifecycle.
 *
 * <p>Joins the caller's transaction: the caller plans for the identity and stores that plan in the
 * same transaction, so that both are kept or neither is. Immutable and thread-safe.
 */
public final class SourcePush {

  private final PushSource source;
  private final SortedMap<String, SortedSet<String>> keysBySource;
  private final SourceMerge merge;
  private final IdentityRepository identities;
  private final AuditLog audit;
  private final Clock clock;
  private final LifecycleSettings lifecycle;
  private final LifecycleListener listener;

  /**
   * A push that tells nobody of its lifecycle events but the audit log.
   *
   * @param sources the configured sources, whose correlation keys a push may not change for a
   *     person they know
   */
  public SourcePush(
      PushSource source,
      List<SourceDefinition> sources,
      SourceMerge merge,
      IdentityRepository identities,
      AuditLog audit,
      Clock clock,
      LifecycleSettings lifecycle) {
    this(source, sources, merge, identities, audit, clock, lifecycle, LifecycleListener.NONE);
  }

  /**
   * @param sources the configured sources, whose correlation keys a push may not change for a
   *     person they know
   * @param listener told of each push's lifecycle events in the push's transaction, as an import
   *     tells it (the lifecycle webhooks' outbox)
   */
  public SourcePush(
      PushSource source,
      List<SourceDefinition> sources,
      SourceMerge merge,
      IdentityRepository identities,
      AuditLog audit,
      Clock clock,
      LifecycleSettings lifecycle,
      LifecycleListener listener) {
    this.source = Objects.requireNonNull(source, "source");
    this.keysBySource = keysBySource(sources);
    this.merge = Objects.requireNonNull(merge, "merge");
    this.identities = Objects.requireNonNull(identities, "identities");
    this.audit = Objects.requireNonNull(audit, "audit");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.lifecycle = Objects.requireNonNull(lifecycle, "lifecycle");
    this.listener = Objects.requireNonNull(listener, "listener");
  }

  public PushSource source() {
    return source;
  }

  /**
   * One pushed record.
   *
   * @param identity the identity the record is about: the one it correlated to, or a new id
   * @param before that identity as stored, or empty for a joiner
   * @param values the identity attributes the record gives (only those of {@link
   *     PushSource#provided} are taken)
   * @param active the record's active flag: true makes a terminated person active again from today
   *     (a rehire), false terminates the person today, empty keeps the employment as it is (a new
   *     person is active from today)
   * @param actor who pushed it, for the audit ({@code scim:okta})
   * @param cause what the push was, heading each audit reason ({@code SCIM push})
   * @param correlation how the identity was found, for the audit
   */
  public record Push(
      IdentityId identity,
      Optional<Identity> before,
      Map<String, String> values,
      Optional<Boolean> active,
      String actor,
      String cause,
      String correlation) {

    public Push {
      Objects.requireNonNull(identity, "identity");
      Objects.requireNonNull(before, "before");
      // sorted, so that refusals are listed in a stable order
      values = Collections.unmodifiableSortedMap(new TreeMap<>(values));
      Objects.requireNonNull(active, "active");
      Objects.requireNonNull(actor, "actor");
      Objects.requireNonNull(cause, "cause");
      Objects.requireNonNull(correlation, "correlation");
    }
  }

  /**
   * What a push did.
   *
   * @param identity the identity after the push (as stored)
   * @param changed whether it differs from the identity before (only then it was saved)
   * @param events the lifecycle events it caused, each audited
   */
  public record Outcome(Identity identity, boolean changed, List<LifecycleEvent> events) {
    public Outcome {
      Objects.requireNonNull(identity, "identity");
      events = List.copyOf(events);
    }
  }

  /**
   * Correlates a pushed record with the stored identities, by the source's correlation rule: the
   * identities holding each of the record's key values are read at once ({@link
   * IdentityRepository#findByAttributes}), before the rule is applied to them.
   */
  public Correlation correlate(Map<String, String> values) {
    Map<String, String> keys = new TreeMap<>();
    for (String attribute : source.correlation().keysInOrder()) {
      String value = values.get(attribute);
      if (value != null && !value.isBlank()) {
        keys.put(attribute, value);
      }
    }
    Map<String, List<IdentityId>> found = identities.findByAttributes(keys);
    IdentityLookup stored = identities.asLookup();
    IdentityLookup lookup =
        new IdentityLookup() {
          @Override
          public List<IdentityId> findBy(String attribute, String value) {
            return value.equals(keys.get(attribute))
                ? found.getOrDefault(attribute, List.of())
                : stored.findBy(attribute, value);
          }

          @Override
          public Optional<String> attributeOf(IdentityId identity, String attribute) {
            return stored.attributeOf(identity, attribute);
          }
        };
    return new Correlator(source.correlation()).correlate(values, lookup);
  }

  /** The identity's values of the attributes the source provides (what a push would repeat). */
  public Map<String, String> providedValues(Identity identity) {
    Map<String, String> provided = new TreeMap<>();
    identity
        .attributes()
        .forEach(
            (name, value) -> {
              if (source.provided().contains(name)) {
                provided.put(name, value);
              }
            });
    return provided;
  }

  /**
   * Applies the push: merges it into the identity, saves the identity if it changed and audits each
   * lifecycle event with the push's actor, {@code <cause>: <event>} as the reason and the source,
   * the {@link PushSource#auditedAttribute} and the correlation as details.
   *
   * @throws PushRefused naming each change that another source decides; nothing is saved or audited
   */
  public Outcome push(Push push) {
    LocalDate today = LocalDate.now(clock);
    Employment employment =
        employment(push.before().map(Identity::employment), push.active(), today);
    Identity after =
        merge.apply(
            push.before(),
            push.identity(),
            source.name(),
            source.provided(),
            push.values(),
            Optional.of(employment),
            today);
    if (push.before().isPresent()) {
      refuseWhatOthersDecide(push.before().get(), after, push.values(), employment);
    }
    if (push.before().isPresent() && push.before().get().equals(after)) {
      return new Outcome(after, false, List.of());
    }
    identities.save(after);
    List<LifecycleEvent> events =
        Lifecycle.events(push.before(), after, lifecycle.moverAttributes());
    for (LifecycleEvent event : events) {
      audit.append(
          new AuditEvent(
              clock.instant(),
              push.actor(),
              IdentityImporter.action(event.kind()),
              "identity " + event.identity(),
              push.cause() + ": " + event.description(),
              "success",
              Map.of(
                  "source",
                  source.name(),
                  source.auditedAttribute(),
                  push.values().getOrDefault(source.auditedAttribute(), ""),
                  "correlation",
                  push.correlation())));
    }
    if (!events.isEmpty()) {
      Instant now = clock.instant();
      listener.recorded(
          events.stream()
              .map(
                  event ->
                      new LifecycleListener.Recorded(event, push.before().orElse(null), after, now))
              .toList());
    }
    return new Outcome(after, true, events);
  }

  /**
   * Audits a refused push ({@code <source>.push-refused}); called after the push's transaction was
   * rolled back, in a transaction of its own, so that the refusal is kept.
   */
  public void auditRefusal(PushRefused refused, String actor) {
    audit.append(
        new AuditEvent(
            clock.instant(),
            actor,
            source.name() + ".push-refused",
            "identity " + refused.identity(),
            refused.getMessage(),
            "refused",
            Map.of("source", source.name())));
  }

  private void refuseWhatOthersDecide(
      Identity before, Identity after, Map<String, String> values, Employment employment) {
    List<String> refused = new ArrayList<>();
    keysBySource.forEach(
        (other, keys) -> {
          if (before.sourceAttributes().containsKey(other)) {
            for (String key : keys) {
              String value = values.get(key);
              if (value != null
                  && !value.isBlank()
                  && !value.equals(before.attributes().get(key))) {
                refused.add(key + " is a correlation key of source " + other + " for this person");
              }
            }
          }
        });
    for (SourceMerge.Overruled overruled :
        merge.overruled(
            before, after, source.name(), values, !employment.equals(before.employment()))) {
      if (refused.stream().noneMatch(text -> text.startsWith(overruled.attribute() + " "))) {
        refused.add(overruled.describe());
      }
    }
    if (!refused.isEmpty()) {
      throw new PushRefused(
          before.id(),
          "a "
              + source.label()
              + " push may change only what "
              + source.label()
              + " decides for this person: "
              + String.join("; ", refused),
          refused);
    }
  }

  /** The employment a push with the active flag gives a person who had {@code before}. */
  private static Employment employment(
      Optional<Employment> before, Optional<Boolean> active, LocalDate today) {
    if (active.isEmpty()) {
      return before.orElse(new Employment(EmploymentStatus.ACTIVE, today, null));
    }
    if (active.get()) {
      if (before.isPresent() && before.get().status() != EmploymentStatus.TERMINATED) {
        return before.get();
      }
      return new Employment(EmploymentStatus.ACTIVE, today, null);
    }
    if (before.isPresent() && before.get().status() == EmploymentStatus.TERMINATED) {
      return before.get();
    }
    // terminated today: the status says so, so accounts are disabled at once
    return new Employment(
        EmploymentStatus.TERMINATED, before.flatMap(Employment::start).orElse(today), today);
  }

  /** Per configured source, its correlation keys (key and fallback keys). */
  private static SortedMap<String, SortedSet<String>> keysBySource(List<SourceDefinition> sources) {
    SortedMap<String, SortedSet<String>> keys = new TreeMap<>();
    for (SourceDefinition definition : sources) {
      SortedSet<String> names = new TreeSet<>(definition.fallbackKeys());
      names.add(definition.key());
      keys.put(definition.name(), Collections.unmodifiableSortedSet(names));
    }
    return Collections.unmodifiableSortedMap(keys);
  }
}
