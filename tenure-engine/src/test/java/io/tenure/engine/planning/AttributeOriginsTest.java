package io.tenure.engine.planning;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenure.core.account.TargetId;
import io.tenure.core.desired.AccountPresence;
import io.tenure.core.desired.DesiredAccount;
import io.tenure.core.desired.DesiredState;
import io.tenure.core.expression.ExpressionEnvironment;
import io.tenure.core.identity.Employment;
import io.tenure.core.identity.EmploymentStatus;
import io.tenure.core.identity.Identity;
import io.tenure.core.identity.IdentityId;
import io.tenure.core.identity.LifecycleState;
import io.tenure.core.plan.Reason;
import io.tenure.core.policy.BirthrightRule;
import io.tenure.core.policy.Policy;
import io.tenure.core.policy.Role;
import io.tenure.core.policy.RoleCatalog;
import io.tenure.core.policy.RoleName;
import io.tenure.core.policy.TargetPolicy;
import io.tenure.core.source.AttributeAuthority;
import io.tenure.core.source.RecordLocation;
import io.tenure.engine.ingest.SourceRecordLocations;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AttributeOriginsTest {

  private static final TargetId DIRECTORY = new TargetId("directory");
  private static final BirthrightRule SALES =
      BirthrightRule.of("sales-birthright", "department == 'Sales'", "sales");

  private static final ExpressionEnvironment ENVIRONMENT =
      ExpressionEnvironment.of(Set.of("department", "email", "familyName"));

  private final Policy policy =
      new Policy(
          ENVIRONMENT,
          new RoleCatalog(List.of(new Role(RoleName.of("sales"), Set.of(), Map.of(), ""))),
          List.of(SALES),
          List.of(
              new TargetPolicy(
                  ENVIRONMENT,
                  DIRECTORY,
                  "familyName",
                  Map.of("mail", "email", "sn", "familyName"),
                  20)));
  private final AttributeAuthority authority = AttributeAuthority.inOrder(List.of("crm", "hr"));
  private final SourceRecordLocations locations = SourceRecordLocations.inMemory();
  private final AttributeOrigins origins = new AttributeOrigins(policy, authority, locations);

  private final Identity bob =
      new Identity(
          new IdentityId("i-2"),
          LifecycleState.ACTIVE,
          Map.of("department", "Sales", "email", "bob@example.com", "familyName", "Baker"),
          new Employment(EmploymentStatus.ACTIVE, LocalDate.of(2024, 1, 1), null),
          Map.of(),
          Map.of(
              "hr",
              Map.of("department", "Sales", "email", "bob@example.com"),
              "crm",
              Map.of("familyName", "Baker")));

  private DesiredState desired() {
    Reason rule = Reason.of(SALES.reasonStep()).because("role sales").because("entitlement sales");
    return new DesiredState(
        Set.of(bob.id()),
        List.of(
            new DesiredAccount(
                DIRECTORY,
                bob.id(),
                "bbaker",
                AccountPresence.ENABLED,
                Map.of(),
                Map.of("sales", rule),
                Reason.of("lifecycle ACTIVE"))));
  }

  @Test
  void reasonsNameTheSourceAndRecordOfTheAttributesARuleReadAndOfTheEmployment() {
    locations.remember("hr", Map.of(bob.id(), new RecordLocation("people.csv", 17)));
    locations.remember("crm", Map.of(bob.id(), RecordLocation.named("contractors", "C2")));

    DesiredAccount account = origins.explain(desired(), List.of(bob)).accounts().get(0);

    assertThat(account.entitlements().get("sales").render())
        .isEqualTo(
            "entitlement sales, from role sales, from rule sales-birthright: department =="
                + " 'Sales', from department Sales from hr (people.csv:17)");
    assertThat(account.reason().render())
        .as(
            "the first source in the lifecycle order that knows Bob decides his employment; the"
                + " account's attributes another source gives are named")
        .isEqualTo(
            "lifecycle ACTIVE, from crm record contractors:C2, from email bob@example.com from hr"
                + " (people.csv:17)");
  }

  @Test
  void withoutRememberedRecordsTheSourceIsNamedAlone() {
    DesiredAccount account = origins.explain(desired(), List.of(bob)).accounts().get(0);

    assertThat(account.entitlements().get("sales").chain()).endsWith("department Sales from hr");
    assertThat(account.reason().chain())
        .endsWith("employment from crm", "email bob@example.com from hr");
  }
}
