package io.tenure.engine.account;

import io.tenure.connector.spi.RemoteAccount;
import io.tenure.core.account.TargetId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * What Tenure may treat as its own on each target. Tenure never takes over, changes or removes what
 * it cannot show to be its own:
 *
 * <ul>
 *   <li><b>Accounts.</b> An account that exists on a target before Tenure creates it is adopted
 *       only with evidence that it is the person's: it holds exactly what Tenure's create writes
 *       (an earlier attempt of that create made it), or an <i>identifying attribute</i> of the
 *       target (an account attribute of a correlation rule such as {@code employeeNumber =
 *       employeeId}, never the account name) holds the person's value. A generated username is no
 *       evidence.
 *   <li><b>Entitlements.</b> Of the entitlements an account holds on a target, Tenure manages those
 *       a configured role names on that target and those it already knows the account to hold
 *       (granted by Tenure, or read while a role still named them). Any other group or role the
 *       account is a member of is somebody else's: it is never read into Tenure's view of the
 *       account, so it is never reported as drift nor revoked.
 * </ul>
 *
 * <p>Immutable and thread-safe.
 */
public final class Ownership {

  private static final Ownership NONE = new Ownership(Map.of(), Map.of());

  private final Map<TargetId, Set<String>> identifyingAttributes;
  private final Map<TargetId, Set<String>> roleEntitlements;

  /**
   * @param identifyingAttributes per target, the account attributes whose value identifies the
   *     person (compared ignoring the case of the attribute's name)
   * @param roleEntitlements per target, every entitlement a configured role names there
   */
  public Ownership(
      Map<TargetId, ? extends Collection<String>> identifyingAttributes,
      Map<TargetId, ? extends Collection<String>> roleEntitlements) {
    this.identifyingAttributes = copy(identifyingAttributes, String.CASE_INSENSITIVE_ORDER);
    this.roleEntitlements = copy(roleEntitlements, null);
  }

  /** No identifying attributes and no role entitlements: nothing is adopted or managed by proof. */
  public static Ownership none() {
    return NONE;
  }

  /** The account attributes whose value identifies a person on the target. */
  public Set<String> identifyingAttributes(TargetId target) {
    return identifyingAttributes.getOrDefault(target, Set.of());
  }

  /**
   * The entitlements of an account that Tenure manages: of those the target reports, the ones a
   * role names on the target or that Tenure already knows the account to hold.
   *
   * @param target the target
   * @param reported the entitlements the target reports for the account
   * @param known the entitlements Tenure knows the account to hold (empty for an unknown account)
   */
  public Set<String> managedEntitlements(
      TargetId target, Collection<String> reported, Collection<String> known) {
    Set<String> named = roleEntitlements.getOrDefault(target, Set.of());
    Set<String> managed = new TreeSet<>();
    for (String entitlement : reported) {
      if (named.contains(entitlement) || known.contains(entitlement)) {
        managed.add(entitlement);
      }
    }
    return Collections.unmodifiableSet(managed);
  }

  /**
   * Why an account found on the target may be adopted for a create that writes {@code written}, or
   * empty when nothing shows that it is the person's.
   *
   * @param target the target
   * @param written the attributes the create writes (name to value)
   * @param existing the account as the target holds it
   */
  public Optional<String> evidence(
      TargetId target, Map<String, String> written, RemoteAccount existing) {
    Map<String, String> writes = ignoringCase(written);
    Map<String, List<String>> held = ignoringCase(existing.attributes());
    for (String attribute : identifyingAttributes(target)) {
      String value = writes.get(attribute);
      if (value != null
          && !value.isBlank()
          && held.getOrDefault(attribute, List.of()).contains(value)) {
        return Optional.of("its " + attribute + " '" + value + "' identifies the person");
      }
    }
    if (!writes.isEmpty() && holdsExactly(held, writes)) {
      return Optional.of("it holds exactly what this create writes (an earlier attempt made it)");
    }
    return Optional.empty();
  }

  /**
   * Why an account found on the target is not adopted, for the message of a refused create: what
   * its identifying attributes hold, or that the target has none.
   */
  public String missingEvidence(
      TargetId target, Map<String, String> written, RemoteAccount existing) {
    Map<String, String> writes = ignoringCase(written);
    Map<String, List<String>> held = ignoringCase(existing.attributes());
    List<String> parts = new ArrayList<>();
    for (String attribute : identifyingAttributes(target)) {
      String value = writes.get(attribute);
      if (value != null) {
        List<String> values = held.getOrDefault(attribute, List.of());
        parts.add(
            "its "
                + attribute
                + " is "
                + (values.isEmpty() ? "empty" : "'" + String.join("', '", values) + "'")
                + ", not '"
                + value
                + "'");
      }
    }
    return parts.isEmpty()
        ? "no attribute identifies the person on target '"
            + target
            + "' (set targets."
            + target
            + ".reconciliation.correlation, e.g. employeeNumber = employeeId)"
        : String.join("; ", parts);
  }

  private static boolean holdsExactly(Map<String, List<String>> held, Map<String, String> writes) {
    for (Map.Entry<String, String> entry : writes.entrySet()) {
      List<String> values = held.getOrDefault(entry.getKey(), List.of());
      boolean same =
          entry.getValue().isEmpty() ? values.isEmpty() : values.equals(List.of(entry.getValue()));
      if (!same) {
        return false;
      }
    }
    return true;
  }

  private static <V> Map<String, V> ignoringCase(Map<String, V> byName) {
    Map<String, V> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    copy.putAll(byName);
    return copy;
  }

  private static Map<TargetId, Set<String>> copy(
      Map<TargetId, ? extends Collection<String>> byTarget, @Nullable Comparator<String> order) {
    Map<TargetId, Set<String>> copy = new TreeMap<>();
    byTarget.forEach(
        (target, values) -> {
          Set<String> set = order == null ? new TreeSet<>() : new TreeSet<>(order);
          set.addAll(values);
          copy.put(Objects.requireNonNull(target), Collections.unmodifiableSet(set));
        });
    return Collections.unmodifiableMap(copy);
  }
}
