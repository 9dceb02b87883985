package io.tenure.web.problem;

/** A request the current state does not allow: answered 409 with the message as the detail. */
public final class Conflict extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public Conflict(String message) {
    super(message);
  }
}
