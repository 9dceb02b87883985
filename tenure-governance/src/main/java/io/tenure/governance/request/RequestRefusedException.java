package io.tenure.governance.request;

/**
 * A request or decision that is well formed but not allowed: a separation-of-duties conflict, a
 * self-approval, a decision by somebody who is not an approver of the current step, a request for
 * somebody outside one's reporting line. Nothing was stored.
 */
public final class RequestRefusedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public RequestRefusedException(String message) {
    super(message);
  }
}
