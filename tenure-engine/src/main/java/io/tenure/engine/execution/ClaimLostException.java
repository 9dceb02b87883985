package io.tenure.engine.execution;

/**
 * The worker lost its claim on an operation while running it (its lease expired and another worker
 * took the operation): the attempt was recorded as lost, its outcome was not.
 */
public final class ClaimLostException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final OperationId operation;

  public ClaimLostException(OperationId operation) {
    super(
        "lost the claim on operation "
            + operation
            + " while running it; another worker has it and records its outcome");
    this.operation = operation;
  }

  public OperationId operation() {
    return operation;
  }
}
