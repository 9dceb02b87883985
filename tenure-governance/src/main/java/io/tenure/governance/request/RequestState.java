package io.tenure.governance.request;

import java.util.Locale;

/**
 * Where a request is. {@code PENDING} waits for the approvers of its current step; {@code APPROVED}
 * has an assignment whose provisioning has not been confirmed yet; {@code PROVISIONED} and the
 * others are final (a provisioned request's access may still end later: its assignment records
 * that).
 */
public enum RequestState {
  PENDING,
  APPROVED,
  PROVISIONED,
  REJECTED,
  EXPIRED,
  CANCELLED,
  FAILED;

  /** Whether nothing more happens to the request. */
  public boolean isFinal() {
    return this != PENDING && this != APPROVED;
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The state written in any case ({@code pending}, {@code PENDING}). */
  public static RequestState parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown request state '"
              + text
              + "' (pending, approved, provisioned, rejected, expired, cancelled, failed)",
          e);
    }
  }
}
