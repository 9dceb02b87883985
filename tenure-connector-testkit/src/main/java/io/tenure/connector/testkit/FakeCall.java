package io.tenure.connector.testkit;

import java.util.Objects;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * One call made to a {@link FakeTarget}, as seen by fault matchers.
 *
 * @param operation the capability method called
 * @param account the account name the call is about, or null for calls about no single account
 *     ({@link FakeOperation#ACCOUNTS}, {@link FakeOperation#TEST})
 * @param entitlement the entitlement of a grant or revoke, otherwise null
 */
public record FakeCall(
    FakeOperation operation, @Nullable String account, @Nullable String entitlement) {

  public FakeCall {
    Objects.requireNonNull(operation, "operation");
  }

  /** Matches every call of one operation. */
  public static Predicate<FakeCall> on(FakeOperation operation) {
    return call -> call.operation() == operation;
  }

  /** Matches calls of one operation about one account. */
  public static Predicate<FakeCall> on(FakeOperation operation, String account) {
    return call -> call.operation() == operation && account.equals(call.account());
  }

  /** Matches every call about one account, whatever the operation. */
  public static Predicate<FakeCall> about(String account) {
    return call -> account.equals(call.account());
  }

  /** Matches every call. */
  public static Predicate<FakeCall> any() {
    return call -> true;
  }
}
