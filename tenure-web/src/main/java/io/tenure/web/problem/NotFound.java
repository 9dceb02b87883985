package io.tenure.web.problem;

/** An unknown id: answered 404 with the message as the problem's detail. */
public final class NotFound extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public NotFound(String message) {
    super(message);
  }
}
