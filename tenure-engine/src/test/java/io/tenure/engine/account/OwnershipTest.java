package io.tenure.engine.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenure.connector.spi.RemoteAccount;
import io.tenure.core.account.TargetId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OwnershipTest {

  private static final TargetId DIRECTORY = new TargetId("directory");

  private final Ownership ownership =
      new Ownership(
          Map.of(DIRECTORY, Set.of("employeeNumber")),
          Map.of(DIRECTORY, Set.of("staff", "engineering")));

  private static RemoteAccount account(Map<String, List<String>> attributes) {
    return new RemoteAccount("uid=jsmith", "jsmith", attributes, false, Set.of("domain-admins"));
  }

  @Test
  void anIdentifyingAttributeWithThePersonsValueIsEvidence() {
    RemoteAccount existing =
        account(Map.of("EMPLOYEENUMBER", List.of("E7"), "cn", List.of("Johnny Smith")));

    assertThat(
            ownership.evidence(
                DIRECTORY, Map.of("cn", "John Smith", "employeeNumber", "E7"), existing))
        .contains("its employeeNumber 'E7' identifies the person");
  }

  @Test
  void anAccountOfTheSameNameWithAnotherPersonsValueIsNoEvidence() {
    RemoteAccount former =
        account(Map.of("employeeNumber", List.of("E1"), "cn", List.of("John Smith")));
    Map<String, String> written = Map.of("cn", "John Smith", "employeeNumber", "E7");

    assertThat(ownership.evidence(DIRECTORY, written, former)).isEmpty();
    assertThat(ownership.missingEvidence(DIRECTORY, written, former))
        .isEqualTo("its employeeNumber is 'E1', not 'E7'");
  }

  @Test
  void exactlyWhatTheCreateWritesIsEvidenceButNothingWrittenIsNone() {
    RemoteAccount made = account(Map.of("cn", List.of("John Smith"), "sn", List.of("Smith")));
    Ownership noIdentifyingAttribute = Ownership.none();

    assertThat(
            noIdentifyingAttribute.evidence(
                DIRECTORY, Map.of("cn", "John Smith", "sn", "Smith"), made))
        .isPresent();
    assertThat(
            noIdentifyingAttribute.evidence(
                DIRECTORY, Map.of("cn", "John Smith", "sn", "Smyth"), made))
        .isEmpty();
    assertThat(noIdentifyingAttribute.evidence(DIRECTORY, Map.of(), made))
        .as("a target that writes no attribute proves nothing")
        .isEmpty();
    assertThat(noIdentifyingAttribute.missingEvidence(DIRECTORY, Map.of("cn", "x"), made))
        .contains("no attribute identifies the person on target 'directory'");
  }

  @Test
  void onlyEntitlementsARoleNamesOrTenureKnowsAreManaged() {
    assertThat(
            ownership.managedEntitlements(
                DIRECTORY, Set.of("staff", "ops-oncall", "retired-role"), Set.of("retired-role")))
        .containsExactly("retired-role", "staff");
    assertThat(
            ownership.managedEntitlements(
                new TargetId("other"), Set.of("staff", "ops-oncall"), Set.of()))
        .isEmpty();
  }
}
