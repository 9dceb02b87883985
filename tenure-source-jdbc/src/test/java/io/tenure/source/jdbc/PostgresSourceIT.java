package io.tenure.source.jdbc;

/** A {@code jdbc} source on the machine's PostgreSQL. */
class PostgresSourceIT extends JdbcSourceContract {

  @Override
  protected ScratchDatabase create() throws Exception {
    return ScratchDatabase.postgres();
  }

  @Override
  protected String timestampType() {
    return "TIMESTAMP";
  }
}
