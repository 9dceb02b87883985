package io.tenure.connector.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tenure.connector.spi.ConnectorException;
import org.junit.jupiter.api.Test;

class DialectTest {

  @Test
  void dialectComesFromTheUrl() {
    assertThat(Dialect.of("jdbc:postgresql://127.0.0.1/db")).isEqualTo(Dialect.POSTGRESQL);
    assertThat(Dialect.of("jdbc:mariadb://127.0.0.1/db")).isEqualTo(Dialect.MARIADB);
    assertThat(Dialect.of("jdbc:mysql://127.0.0.1/db")).isEqualTo(Dialect.MARIADB);
    assertThat(Dialect.of("jdbc:h2:mem:x")).isEqualTo(Dialect.STANDARD);
  }

  @Test
  void identifiersAreQuotedWithTheQuoteDoubled() {
    assertThat(Dialect.POSTGRESQL.quote("x\"; DROP TABLE users; --"))
        .isEqualTo("\"x\"\"; DROP TABLE users; --\"");
    assertThat(Dialect.MARIADB.quote("r`; DROP TABLE users; --"))
        .isEqualTo("`r``; DROP TABLE users; --`");
    assertThat(Dialect.POSTGRESQL.qualified("hr.accounts")).isEqualTo("\"hr\".\"accounts\"");
    assertThatThrownBy(() -> Dialect.POSTGRESQL.quote("a\0b"))
        .isInstanceOf(ConnectorException.class);
  }

  @Test
  void mariaDbUserNamesAreEscapedStringLiterals() {
    assertThat(Dialect.mariaDbString("x'; DROP USER root; --"))
        .isEqualTo("'x''; DROP USER root; --'");
    assertThat(Dialect.mariaDbString("a\\'b")).isEqualTo("'a\\\\''b'");
  }

  @Test
  void postgresStringsEscapeQuotesAndBackslashes() {
    assertThat(Dialect.postgresString("it's \\ ok")).isEqualTo("E'it''s \\\\ ok'");
  }
}
