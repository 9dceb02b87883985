package io.tenure.engine.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tenure.connector.spi.BatchResult;
import io.tenure.core.account.KnownAccount;
import io.tenure.core.account.TargetId;
import io.tenure.core.plan.AddEntitlement;
import io.tenure.core.plan.Reason;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class BatchAnswersTest {

  private static final TargetId DIRECTORY = new TargetId("directory");

  private final List<List<String>> reads = new ArrayList<>();

  private static StoredOperation grant(long id, String username) {
    return new StoredOperation(
        new OperationId(id),
        new PlanId("plan"),
        (int) id,
        new AddEntitlement(DIRECTORY, username, null, "staff", Reason.of("test")),
        OperationState.PENDING,
        0,
        null);
  }

  private static KnownAccount account(String username) {
    return new KnownAccount(
        DIRECTORY, username, "id-" + username, null, Map.of(), true, Set.of(), null);
  }

  private Function<List<StoredOperation>, Map<String, KnownAccount>> reader() {
    return part -> {
      List<String> names =
          part.stream().map(operation -> operation.operation().username()).toList();
      reads.add(names);
      Map<String, KnownAccount> found = new java.util.HashMap<>();
      names.stream()
          .filter(name -> !name.equals("gone"))
          .forEach(name -> found.put(name, account(name)));
      return found;
    };
  }

  private final List<StoredOperation> operations =
      List.of(grant(1, "ann"), grant(2, "bob"), grant(3, "gone"), grant(4, "dan"));
  private final List<BatchResult> results =
      List.of(BatchResult.done(), BatchResult.done(), BatchResult.done(), BatchResult.done());

  @Test
  void withoutKeptAccountsEachPartReadsItsOwnWhenAskedFor() {
    BatchAnswers answers = new BatchAnswers(operations, results, null, reader());
    assertThat(reads).as("nothing read before a part is asked for").isEmpty();

    List<BatchAnswer> first = answers.part(0, 2);
    List<BatchAnswer> second = answers.part(2, 4);

    assertThat(reads).containsExactly(List.of("ann", "bob"), List.of("gone", "dan"));
    assertThat(first)
        .extracting(answer -> answer.before().orElseThrow().username())
        .containsExactly("ann", "bob");
    assertThat(second.get(0).before()).as("an account Tenure does not know").isEmpty();
    assertThat(second.get(1).before().orElseThrow().nativeId()).isEqualTo("id-dan");
    assertThat(second)
        .extracting(BatchAnswer::result)
        .containsExactly(results.get(2), results.get(3));
    assertThat(answers.part(4, 4)).isEmpty();
    assertThat(reads).as("an empty part reads nothing").hasSize(2);
  }

  @Test
  void keptAccountsAreUsedAndNothingIsRead() {
    BatchAnswers answers =
        new BatchAnswers(operations, results, Map.of("ann", account("ann")), reader());

    assertThat(answers.part(0, 4))
        .extracting(answer -> answer.before().isPresent())
        .containsExactly(true, false, false, false);
    assertThat(reads).isEmpty();
  }

  @Test
  void theResultsMustMatchTheOperations() {
    assertThatThrownBy(() -> new BatchAnswers(operations, results.subList(0, 3), null, reader()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("4 operations but 3 results");
  }
}
