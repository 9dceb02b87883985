package io.tenure.connector.spi;

/** The connector can check its configuration and connectivity. */
public interface TestCapability {

  /**
   * Checks that the target answers and the credentials work.
   *
   * @throws ConnectorException describing what is wrong
   */
  void test();
}
