package io.tenure.connector.spi;

/** The target can create accounts. */
public interface CreateCapability {

  /**
   * Creates an account and returns it as the target now holds it.
   *
   * @throws ConnectorException of kind {@link ErrorKind#ALREADY_EXISTS} when an account with that
   *     name exists (the engine then links it), {@link ErrorKind#INVALID_INPUT} when the name or a
   *     value cannot be expressed on the target
   */
  RemoteAccount create(NewAccount account);
}
