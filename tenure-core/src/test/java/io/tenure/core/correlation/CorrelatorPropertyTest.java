package io.tenure.core.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenure.core.identity.IdentityId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Seeded random identities and records; the seed is in every failure message. */
class CorrelatorPropertyTest {

  private static final List<String> KEYS = List.of("employeeId", "email", "phone");
  private static final int CASES = 1000;

  @Test
  void anAmbiguousOrConflictingCorrelationNeverLinks() {
    // -Dtenure.seed=N replays a run; each case's own seed is in its failure message
    long base = Long.getLong("tenure.seed", new Random().nextLong());
    for (int index = 0; index < CASES; index++) {
      long seed = base + index;
      check(seed);
    }
  }

  private static void check(long seed) {
    Random random = new Random(seed);
    Map<IdentityId, Map<String, String>> identities = new HashMap<>();
    int count = random.nextInt(8);
    for (int person = 0; person < count; person++) {
      identities.put(new IdentityId("p-" + person), randomAttributes(random));
    }
    IdentityLookup lookup = IdentityLookup.inMemory(identities);
    Map<String, String> record = randomAttributes(random);
    Correlator correlator = new Correlator(new CorrelationRule(KEYS.get(0), KEYS.subList(1, 3)));
    String context = "seed " + seed + ", identities " + identities + ", record " + record;

    Correlation result = correlator.correlate(record, lookup);

    // reference: walk the keys; the first key with hits decides
    Optional<List<IdentityId>> decisive = Optional.empty();
    String decisiveKey = null;
    for (String key : KEYS) {
      String value = record.get(key);
      if (value == null || value.isBlank()) {
        continue;
      }
      List<IdentityId> hits = lookup.findBy(key, value);
      if (!hits.isEmpty()) {
        decisive = Optional.of(hits);
        decisiveKey = key;
        break;
      }
    }
    if (decisive.isEmpty()) {
      assertThat(result).as(context).isEqualTo(new Correlation.NoMatch());
      return;
    }
    List<IdentityId> hits = decisive.get();
    if (hits.size() > 1) {
      assertThat(result).as(context).isInstanceOf(Correlation.Ambiguous.class);
      assertThat(result.linkedIdentity()).as(context).isEmpty();
      assertThat(((Correlation.Ambiguous) result).attribute()).as(context).isEqualTo(decisiveKey);
      return;
    }
    if (result instanceof Correlation.Matched matched) {
      assertThat(matched.id()).as(context).isEqualTo(hits.get(0));
      assertThat(matched.attribute()).as(context).isEqualTo(decisiveKey);
      String recordKey = record.get(KEYS.get(0));
      String heldKey = identities.get(matched.id()).get(KEYS.get(0));
      if (recordKey != null && !recordKey.isBlank() && heldKey != null && !heldKey.isBlank()) {
        assertThat(heldKey)
            .as(context + ": linked despite a different primary key")
            .isEqualTo(recordKey);
      }
    } else {
      assertThat(result).as(context).isInstanceOf(Correlation.Conflict.class);
      assertThat(result.linkedIdentity()).as(context).isEmpty();
    }
  }

  private static Map<String, String> randomAttributes(Random random) {
    Map<String, String> attributes = new HashMap<>();
    for (String key : KEYS) {
      int pick = random.nextInt(5);
      if (pick == 0) {
        continue;
      }
      attributes.put(key, pick == 1 ? " " : key + "-" + random.nextInt(4));
    }
    return attributes;
  }
}
