package io.tenure.engine.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenure.core.account.TargetId;
import io.tenure.core.plan.Operation;
import io.tenure.core.plan.OperationKind;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OperationCodecTest {

  private final OperationCodec codec = new OperationCodec();

  @Test
  void everyKindOfOperationSurvivesARoundTrip() {
    Set<OperationKind> kinds = EnumSet.noneOf(OperationKind.class);
    for (Operation operation : OperationSamples.everyKind(new TargetId("directory"))) {
      String json = codec.write(operation);
      assertThat(codec.read(json)).as(json).isEqualTo(operation);
      kinds.add(operation.kind());
    }
    assertThat(kinds).containsExactlyInAnyOrder(OperationKind.values());
  }

  @Test
  void theJsonNamesTheKindAndTheReasonChain() {
    Operation add = OperationSamples.everyKind(new TargetId("directory")).get(3);
    assertThat(codec.write(add))
        .contains("\"kind\":\"ADD_ENTITLEMENT\"")
        .contains("\"entitlement\":\"cn=engineering\"")
        .contains(
            "\"reason\":[\"role engineering\",\"rule engineering-birthright: department =="
                + " 'Engineering'\"]");
  }

  @Test
  void theTextIsTheTreesTextForEveryKind() {
    tools.jackson.databind.json.JsonMapper mapper =
        tools.jackson.databind.json.JsonMapper.builder().build();
    for (Operation operation : OperationSamples.everyKind(new TargetId("directory"))) {
      assertThat(codec.write(operation))
          .isEqualTo(mapper.writeValueAsString(codec.toTree(operation)));
    }
  }
}
