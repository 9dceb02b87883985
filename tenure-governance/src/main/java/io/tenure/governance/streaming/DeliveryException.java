package io.tenure.governance.streaming;

/** A receiver did not take a record: it was down, refused it or answered with an error. */
public final class DeliveryException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public DeliveryException(String message) {
    super(message);
  }

  public DeliveryException(String message, Throwable cause) {
    super(message, cause);
  }
}
