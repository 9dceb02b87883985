package io.tenure.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenure.core.account.TargetId;
import io.tenure.core.expression.ExpressionEnvironment;
import io.tenure.core.plan.Reason;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Invariants of the evaluator over random policies and identities. Each case prints its seed;
 * replay one with {@code -Dtenure.policy.seed=<seed>}.
 */
class PolicyEvaluatorPropertyTest {

  private static final int CASES = 100;
  private static final List<TargetId> TARGETS =
      List.of(new TargetId("directory"), new TargetId("wiki"), new TargetId("database"));
  private static final List<String> DEPARTMENTS = List.of("Engineering", "Sales", "Finance", "");
  private static final List<String> LOCATIONS = List.of("Oslo", "Lyon", "Austin", "");
  private static final List<String> TYPES = List.of("employee", "intern", "contractor", "");
  private static final ExpressionEnvironment ENVIRONMENT =
      ExpressionEnvironment.of(Set.of("department", "location", "employmentType", "givenName"));

  private static List<Long> seeds() {
    Long replay = Long.getLong("tenure.policy.seed");
    if (replay != null) {
      return List.of(replay);
    }
    List<Long> seeds = new ArrayList<>();
    Random base = new Random(20_261_127L);
    for (int index = 0; index < CASES; index++) {
      seeds.add(base.nextLong());
    }
    return seeds;
  }

  @Test
  void theSameInputGivesTheSameAccessWhateverTheOrderOfRulesAndAttributes() {
    for (long seed : seeds()) {
      Random random = new Random(seed);
      RoleCatalog roles = randomRoles(random);
      List<BirthrightRule> rules = randomRules(random, roles);
      Map<String, String> attributes = randomAttributes(random);
      Access access = evaluate(roles, rules, attributes);

      List<BirthrightRule> shuffled = new ArrayList<>(rules);
      Collections.shuffle(shuffled, random);
      Map<String, String> reordered = new LinkedHashMap<>();
      List<String> keys = new ArrayList<>(attributes.keySet());
      Collections.reverse(keys);
      keys.forEach(key -> reordered.put(key, attributes.get(key)));

      assertThat(evaluate(roles, rules, attributes)).as("seed %d", seed).isEqualTo(access);
      Access reshuffled = evaluate(roles, shuffled, reordered);
      assertThat(reshuffled).as("seed %d (rules shuffled)", seed).isEqualTo(access);
      assertThat(reshuffled.toString())
          .as("seed %d (printed order)", seed)
          .isEqualTo(access.toString());
    }
  }

  @Test
  void removingARuleNeverAddsRolesOrEntitlements() {
    for (long seed : seeds()) {
      Random random = new Random(seed);
      RoleCatalog roles = randomRoles(random);
      List<BirthrightRule> rules = randomRules(random, roles);
      Map<String, String> attributes = randomAttributes(random);
      Policy policy = new Policy(ENVIRONMENT, roles, rules, targetPolicies());
      Access full = new PolicyEvaluator(policy).evaluate(attributes);

      for (BirthrightRule rule : rules) {
        Access fewer = new PolicyEvaluator(policy.withoutRule(rule.name())).evaluate(attributes);
        assertThat(full.roles().keySet())
            .as("seed %d, without rule %s", seed, rule.name())
            .containsAll(fewer.roles().keySet());
        for (TargetId target : TARGETS) {
          assertThat(full.entitlementsOn(target).keySet())
              .as("seed %d, without rule %s, target %s", seed, rule.name(), target)
              .containsAll(fewer.entitlementsOn(target).keySet());
        }
      }
    }
  }

  @Test
  void everyEntitlementIsExplainedByAHeldRoleAndAMatchingRule() {
    for (long seed : seeds()) {
      Random random = new Random(seed);
      RoleCatalog roles = randomRoles(random);
      List<BirthrightRule> rules = randomRules(random, roles);
      Map<String, String> attributes = randomAttributes(random);
      Policy policy = new Policy(ENVIRONMENT, roles, rules, targetPolicies());
      Access access = new PolicyEvaluator(policy).evaluate(attributes);
      Set<String> matchingRuleSteps = new HashSet<>();
      for (Policy.CompiledRule rule : policy.compiledRules()) {
        if (rule.condition().test(attributes)) {
          matchingRuleSteps.add(rule.rule().reasonStep());
        }
      }

      access
          .entitlements()
          .forEach(
              (target, granted) ->
                  granted.forEach(
                      (entitlement, reason) -> {
                        List<String> chain = reason.chain();
                        assertThat(chain.get(0))
                            .as("seed %d", seed)
                            .isEqualTo("entitlement " + entitlement);
                        RoleName role = RoleName.of(chain.get(1).substring("role ".length()));
                        assertThat(access.holds(role)).as("seed %d", seed).isTrue();
                        assertThat(roles.find(role).orElseThrow().entitlements().get(target))
                            .as("seed %d", seed)
                            .contains(entitlement);
                        assertThat(matchingRuleSteps)
                            .as("seed %d", seed)
                            .contains(chain.get(chain.size() - 1));
                      }));
      for (Reason reason : access.roles().values()) {
        assertThat(matchingRuleSteps)
            .as("seed %d", seed)
            .contains(reason.chain().get(reason.chain().size() - 1));
      }
    }
  }

  private static Access evaluate(
      RoleCatalog roles, List<BirthrightRule> rules, Map<String, String> attributes) {
    return new PolicyEvaluator(new Policy(ENVIRONMENT, roles, rules, targetPolicies()))
        .evaluate(attributes);
  }

  private static final List<TargetPolicy> TARGET_POLICIES =
      TARGETS.stream()
          .map(target -> new TargetPolicy(ENVIRONMENT, target, "username(givenName)", Map.of(), 16))
          .toList();

  private static List<TargetPolicy> targetPolicies() {
    return TARGET_POLICIES;
  }

  /** Roles r0..rN; a role includes only roles with a higher number, so there is no cycle. */
  private static RoleCatalog randomRoles(Random random) {
    int count = 2 + random.nextInt(8);
    List<Role> roles = new ArrayList<>();
    for (int index = 0; index < count; index++) {
      Set<RoleName> includes = new HashSet<>();
      for (int included = index + 1; included < count; included++) {
        if (random.nextInt(4) == 0) {
          includes.add(RoleName.of("r" + included));
        }
      }
      Map<TargetId, Set<String>> entitlements = new HashMap<>();
      for (TargetId target : TARGETS) {
        Set<String> values = new HashSet<>();
        int valueCount = random.nextInt(3);
        for (int value = 0; value < valueCount; value++) {
          values.add("group-" + random.nextInt(6));
        }
        entitlements.put(target, values);
      }
      roles.add(new Role(RoleName.of("r" + index), includes, entitlements, ""));
    }
    Collections.shuffle(roles, random);
    return new RoleCatalog(roles);
  }

  private static List<BirthrightRule> randomRules(Random random, RoleCatalog catalog) {
    List<RoleName> names = new ArrayList<>(catalog.names());
    int count = 1 + random.nextInt(6);
    List<BirthrightRule> rules = new ArrayList<>();
    for (int index = 0; index < count; index++) {
      List<RoleName> grants = new ArrayList<>();
      int grantCount = 1 + random.nextInt(2);
      for (int grant = 0; grant < grantCount; grant++) {
        grants.add(names.get(random.nextInt(names.size())));
      }
      rules.add(new BirthrightRule("rule-" + index, randomCondition(random), grants));
    }
    return rules;
  }

  private static String randomCondition(Random random) {
    return switch (random.nextInt(6)) {
      case 0 -> "true";
      case 1 -> "department == '" + pick(random, DEPARTMENTS) + "'";
      case 2 -> "location != '" + pick(random, LOCATIONS) + "'";
      case 3 ->
          "department == '"
              + pick(random, DEPARTMENTS)
              + "' || employmentType == '"
              + pick(random, TYPES)
              + "'";
      case 4 -> "size(givenName) > " + random.nextInt(6);
      default ->
          "employmentType != 'intern' && location.startsWith('" + pick(random, LOCATIONS) + "')";
    };
  }

  private static Map<String, String> randomAttributes(Random random) {
    Map<String, String> attributes = new HashMap<>();
    putSometimes(random, attributes, "department", pick(random, DEPARTMENTS));
    putSometimes(random, attributes, "location", pick(random, LOCATIONS));
    putSometimes(random, attributes, "employmentType", pick(random, TYPES));
    putSometimes(random, attributes, "givenName", pick(random, List.of("Zoë", "Li", "Anna", "")));
    return attributes;
  }

  private static void putSometimes(
      Random random, Map<String, String> attributes, String name, String value) {
    if (random.nextInt(5) != 0) {
      attributes.put(name, value);
    }
  }

  private static String pick(Random random, List<String> values) {
    return values.get(random.nextInt(values.size()));
  }
}
