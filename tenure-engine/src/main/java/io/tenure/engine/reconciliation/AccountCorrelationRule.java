package io.tenure.engine.reconciliation;

import java.util.Objects;

/**
 * One way to find the identity an account on a target belongs to: the account's value of {@code
 * accountAttribute} equals the identity's value of {@code identityAttribute}.
 *
 * <p>Two pseudo attributes: {@value #ACCOUNT_NAME} on the account side is the account's name (its
 * naming attribute value), and {@value #IDENTITY_USERNAME} on the identity side is the username
 * assigned to the identity on this target. So {@code uid = @username} is {@code new
 * AccountCorrelationRule("uid", "@username")} and {@code employeeNumber = employeeId} is {@code new
 * AccountCorrelationRule("employeeNumber", "employeeId")}.
 *
 * @param accountAttribute an attribute of the account as the connector reads it, or {@value
 *     #ACCOUNT_NAME}
 * @param identityAttribute an identity attribute, or {@value #IDENTITY_USERNAME}
 */
public record AccountCorrelationRule(String accountAttribute, String identityAttribute) {

  /** The account's name. */
  public static final String ACCOUNT_NAME = "@name";

  /** The username assigned to the identity on the target being reconciled. */
  public static final String IDENTITY_USERNAME = "@username";

  public AccountCorrelationRule {
    Objects.requireNonNull(accountAttribute, "accountAttribute");
    Objects.requireNonNull(identityAttribute, "identityAttribute");
    if (accountAttribute.isBlank() || identityAttribute.isBlank()) {
      throw new IllegalArgumentException("a correlation rule names two attributes");
    }
  }

  /** The rule {@code @name = @username}: the account's name is the identity's username. */
  public static AccountCorrelationRule byUsername() {
    return new AccountCorrelationRule(ACCOUNT_NAME, IDENTITY_USERNAME);
  }

  boolean matchesUsername() {
    return identityAttribute.equals(IDENTITY_USERNAME);
  }

  @Override
  public String toString() {
    return accountAttribute + " = " + identityAttribute;
  }
}
