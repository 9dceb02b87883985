package io.tenure.engine.planning;

import io.tenure.core.account.TargetId;
import io.tenure.core.desired.DesiredAccount;
import io.tenure.core.desired.DesiredState;
import io.tenure.core.expression.ExpressionEnvironment;
import io.tenure.core.expression.ExpressionException;
import io.tenure.core.identity.Identity;
import io.tenure.core.identity.IdentityId;
import io.tenure.core.plan.Reason;
import io.tenure.core.policy.BirthrightRule;
import io.tenure.core.policy.Policy;
import io.tenure.core.source.AttributeAuthority;
import io.tenure.engine.ingest.SourceRecordLocations;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Names, in the reasons of a desired state, the source and record the facts came from: after a
 * birthright rule's step, where each attribute its condition reads came from ({@code department
 * Sales from hr (people.csv:17)}); at the end of an account's reason, the record of the source that
 * decides the person's employment ({@code hr record hr_people:E1001}), then each attribute the
 * target's account attributes read that another source gives ({@code email ada@example.com from
 * mail (uid=ada,ou=mail,dc=example,dc=com)}). An attribute is attributed to the source {@link
 * AttributeAuthority} takes it from; a source whose record is not known (a SCIM push, values from
 * before records were remembered) is named without one, and an identity no source reported gets no
 * such steps. Immutable and thread-safe.
 */
public final class AttributeOrigins {

  private final AttributeAuthority authority;
  private final Map<String, Set<String>> attributesByRuleStep;
  private final Map<TargetId, Set<String>> attributesByTarget;
  private final SourceRecordLocations locations;

  /**
   * @param policy the policy whose rules' conditions are read
   * @param authority which source each attribute comes from
   * @param locations the records each source last reported people in
   */
  public AttributeOrigins(
      Policy policy, AttributeAuthority authority, SourceRecordLocations locations) {
    this.authority = Objects.requireNonNull(authority, "authority");
    this.locations = Objects.requireNonNull(locations, "locations");
    Map<String, Set<String>> byStep = new HashMap<>();
    for (BirthrightRule rule : policy.rules()) {
      try {
        byStep.put(rule.reasonStep(), ExpressionEnvironment.referencedNames(rule.condition()));
      } catch (ExpressionException e) {
        // compiled with the policy: a condition that does not parse never gets here
      }
    }
    this.attributesByRuleStep = Map.copyOf(byStep);
    Map<TargetId, Set<String>> byTarget = new HashMap<>();
    policy
        .targets()
        .forEach(
            (target, targetPolicy) -> {
              Set<String> read = new TreeSet<>();
              for (String expression : targetPolicy.attributeExpressions().values()) {
                try {
                  read.addAll(ExpressionEnvironment.referencedNames(expression));
                } catch (ExpressionException e) {
                  // compiled with the policy: an expression that does not parse never gets here
                }
              }
              byTarget.put(target, Set.copyOf(read));
            });
    this.attributesByTarget = Map.copyOf(byTarget);
  }

  /** Adds nothing: for services that do not explain origins. */
  public static Optional<AttributeOrigins> none() {
    return Optional.empty();
  }

  /** The desired state with its reasons naming the origins of the people's facts. */
  public DesiredState explain(DesiredState state, Collection<Identity> people) {
    Map<IdentityId, Identity> byId = new TreeMap<>();
    people.forEach(identity -> byId.put(identity.id(), identity));
    // the source records are asked for only for the people whose desired accounts are explained
    Set<IdentityId> explainedOwners = new TreeSet<>();
    for (DesiredAccount account : state.accounts()) {
      Identity identity = byId.get(account.owner());
      if (identity != null && !identity.sourceAttributes().isEmpty()) {
        explainedOwners.add(identity.id());
      }
    }
    Map<IdentityId, Map<String, String>> records =
        explainedOwners.isEmpty() ? Map.of() : locations.of(explainedOwners);
    List<DesiredAccount> explained = new ArrayList<>();
    for (DesiredAccount account : state.accounts()) {
      Identity identity = byId.get(account.owner());
      if (identity == null || identity.sourceAttributes().isEmpty()) {
        explained.add(account);
        continue;
      }
      Map<String, String> recordsOf = records.getOrDefault(identity.id(), Map.of());
      Map<String, Reason> entitlements = new TreeMap<>();
      account
          .entitlements()
          .forEach(
              (name, reason) ->
                  entitlements.put(name, withRuleOrigins(reason, identity, recordsOf)));
      explained.add(
          new DesiredAccount(
              account.target(),
              account.owner(),
              account.username(),
              account.presence(),
              account.attributes(),
              entitlements,
              withAttributeOrigins(
                  withEmploymentOrigin(account.reason(), identity, recordsOf),
                  account.target(),
                  identity,
                  recordsOf)));
    }
    return new DesiredState(state.scope(), explained);
  }

  private Reason withRuleOrigins(Reason reason, Identity identity, Map<String, String> records) {
    List<String> steps = new ArrayList<>();
    for (String step : reason.chain()) {
      steps.add(step);
      for (String attribute : attributesByRuleStep.getOrDefault(step, Set.of())) {
        identity
            .attribute(attribute)
            .ifPresent(
                value ->
                    authority
                        .winner(attribute, identity.sourceAttributes())
                        .ifPresent(
                            source ->
                                steps.add(
                                    attribute
                                        + " "
                                        + value
                                        + " from "
                                        + source
                                        + record(records, source, " (", ")"))));
      }
    }
    return new Reason(steps);
  }

  private Reason withEmploymentOrigin(
      Reason reason, Identity identity, Map<String, String> records) {
    Optional<String> decides = authority.lifecycleSource(identity.sourceAttributes().keySet());
    if (decides.isEmpty()) {
      return reason;
    }
    String source = decides.get();
    String step =
        records.containsKey(source)
            ? source + " record " + records.get(source)
            : "employment from " + source;
    return reason.chain().contains(step) ? reason : reason.from(step);
  }

  /**
   * The reason followed by the origin of each attribute the target's account attributes read that a
   * source other than the one deciding the employment gives.
   */
  private Reason withAttributeOrigins(
      Reason reason, TargetId target, Identity identity, Map<String, String> records) {
    Optional<String> decides = authority.lifecycleSource(identity.sourceAttributes().keySet());
    Reason explained = reason;
    for (String attribute : attributesByTarget.getOrDefault(target, Set.of())) {
      Optional<String> value = identity.attribute(attribute);
      Optional<String> source = authority.winner(attribute, identity.sourceAttributes());
      if (value.isPresent() && source.isPresent() && !source.equals(decides)) {
        explained =
            explained.from(
                attribute
                    + " "
                    + value.get()
                    + " from "
                    + source.get()
                    + record(records, source.get(), " (", ")"));
      }
    }
    return explained;
  }

  private static String record(
      Map<String, String> records, String source, String prefix, String suffix) {
    String location = records.get(source);
    return location == null ? "" : prefix + location + suffix;
  }
}
