package io.tenure.web.problem;

/** Bad input (a parameter, a body): answered 400 with the message as the problem's detail. */
public final class BadRequest extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public BadRequest(String message) {
    super(message);
  }
}
