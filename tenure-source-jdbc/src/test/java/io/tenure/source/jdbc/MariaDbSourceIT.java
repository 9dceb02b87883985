package io.tenure.source.jdbc;

/** A {@code jdbc} source on the machine's MariaDB. */
class MariaDbSourceIT extends JdbcSourceContract {

  @Override
  protected ScratchDatabase create() throws Exception {
    return ScratchDatabase.mariaDb();
  }

  @Override
  protected String timestampType() {
    return "DATETIME(6)";
  }
}
