package io.tenure.connector.spi;

/**
 * A live connection to one target system. Implementations are thread-safe: the engine may call
 * capabilities of one connector from several threads at once. Every capability method is idempotent
 * as its javadoc states, so that an operation can be retried after a crash.
 */
public interface Connector extends AutoCloseable {

  /** The connector type, equal to {@link ConnectorFactory#type()} of the factory that made it. */
  String type();

  /** Releases connections and threads. Never throws. */
  @Override
  void close();
}
