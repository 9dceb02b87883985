package io.tenure.engine.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenure.core.identity.Employment;
import io.tenure.core.identity.EmploymentStatus;
import io.tenure.core.identity.Identity;
import io.tenure.core.identity.IdentityId;
import io.tenure.core.identity.LifecycleState;
import io.tenure.engine.identity.StoredReport;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChunkWritesTest {

  private static final List<String> KEYS = List.of("employeeId", "email");

  private final ChunkWrites writes =
      ChunkWrites.of(
          List.of(person("saved", "E1", "Ivan.Archer@Example.com")),
          Set.of(new IdentityId("located")),
          KEYS);

  @Test
  void reportsOfAnIdentityTheChunkSavedOrWroteAreStale() {
    assertThat(writes.mayChange(Map.of(id("saved"), report("saved")), Map.of())).isTrue();
    assertThat(writes.mayChange(Map.of(id("located"), report("located")), Map.of())).isTrue();
    assertThat(writes.mayChange(Map.of(id("other"), report("other")), Map.of())).isFalse();
  }

  @Test
  void aValueLookedForThatASavedIdentityHoldsNowIgnoringCaseMakesThemStale() {
    assertThat(writes.mayChange(Map.of(), Map.of("email", Set.of("ivan.archer@example.COM"))))
        .isTrue();
    assertThat(writes.mayChange(Map.of(), Map.of("employeeId", Set.of("e1")))).isTrue();
    assertThat(writes.mayChange(Map.of(), Map.of("email", Set.of("E1"))))
        .as("another key")
        .isFalse();
    assertThat(writes.mayChange(Map.of(), Map.of("employeeId", Set.of("E2")))).isFalse();
  }

  @Test
  void nothingWrittenChangesNothing() {
    assertThat(
            ChunkWrites.NONE.mayChange(
                Map.of(id("saved"), report("saved")), Map.of("employeeId", Set.of("E1"))))
        .isFalse();
  }

  private static IdentityId id(String id) {
    return new IdentityId(id);
  }

  private static StoredReport report(String id) {
    return new StoredReport(
        id(id),
        LifecycleState.ACTIVE,
        new Employment(EmploymentStatus.ACTIVE, null, null),
        Map.of(),
        null);
  }

  private static Identity person(String id, String employeeId, String email) {
    return new Identity(
        id(id),
        LifecycleState.ACTIVE,
        Map.of("employeeId", employeeId, "email", email),
        new Employment(EmploymentStatus.ACTIVE, null, null),
        Map.of());
  }
}
