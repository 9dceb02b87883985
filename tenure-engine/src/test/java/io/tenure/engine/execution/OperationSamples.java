package io.tenure.engine.execution;

import io.tenure.core.account.TargetId;
import io.tenure.core.identity.IdentityId;
import io.tenure.core.plan.AddEntitlement;
import io.tenure.core.plan.AttributeChange;
import io.tenure.core.plan.CreateAccount;
import io.tenure.core.plan.DeleteAccount;
import io.tenure.core.plan.DisableAccount;
import io.tenure.core.plan.EnableAccount;
import io.tenure.core.plan.Operation;
import io.tenure.core.plan.Reason;
import io.tenure.core.plan.RemoveEntitlement;
import io.tenure.core.plan.UpdateAccount;
import java.util.List;
import java.util.Map;

/** One operation of every kind, with reason chains. */
public final class OperationSamples {

  private OperationSamples() {}

  public static List<Operation> everyKind(TargetId target) {
    IdentityId owner = new IdentityId("3f2a-owner");
    Reason rule =
        Reason.of("rule engineering-birthright: department == 'Engineering'")
            .because("role engineering");
    return List.of(
        new CreateAccount(
            target,
            "jdoe",
            owner,
            Map.of("cn", "John Doe", "mail", "jdoe@example.com"),
            false,
            Reason.of("joiner: starts 2026-03-09")),
        new UpdateAccount(
            target,
            "jdoe",
            owner,
            List.of(
                new AttributeChange("title", "Engineer", "Senior \"Engineer\""),
                new AttributeChange("mail", null, "j@example.com"),
                new AttributeChange("phone", "123", null)),
            Reason.of("mover: title changed")),
        new EnableAccount(target, "jdoe", owner, Reason.of("start date reached")),
        new AddEntitlement(target, "jdoe", owner, "cn=engineering", rule),
        new RemoveEntitlement(target, "jdoe", owner, "cn=sales", Reason.of("role sales revoked")),
        new DisableAccount(target, "orphan1", null, Reason.of("orphan account")),
        new DeleteAccount(
            target, "old", owner, Reason.of("retention P30D elapsed").from("leaver")));
  }
}
