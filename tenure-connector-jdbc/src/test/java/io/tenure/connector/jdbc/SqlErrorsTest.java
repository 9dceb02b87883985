package io.tenure.connector.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenure.connector.spi.ConnectorException;
import io.tenure.connector.spi.ErrorKind;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SqlErrorsTest {

  @ParameterizedTest(name = "SQLState {0}, code {1} -> {2}")
  @CsvSource({
    "08001, 0, CONNECTION",
    "08006, 0, CONNECTION",
    "08S01, 0, CONNECTION",
    "57P01, 0, CONNECTION",
    "57014, 0, TIMEOUT",
    "HYT00, 0, TIMEOUT",
    "HY000, 1205, TIMEOUT",
    "40001, 0, BUSY",
    "40P01, 0, BUSY",
    "40001, 1213, BUSY",
    "53300, 0, BUSY",
    "23505, 0, ALREADY_EXISTS",
    "23000, 1062, ALREADY_EXISTS",
    "42710, 0, ALREADY_EXISTS",
    "23503, 0, CONSTRAINT",
    "23000, 1452, CONSTRAINT",
    "42501, 0, PERMISSION",
    "42000, 1044, PERMISSION",
    "42000, 1227, PERMISSION",
    "28000, 1045, PERMISSION",
    "28P01, 0, PERMISSION",
    "42704, 0, NOT_FOUND",
    "22001, 0, INVALID_INPUT",
    "42939, 0, INVALID_INPUT",
    "42P01, 0, SCHEMA",
    "42S02, 1146, SCHEMA",
    "42703, 0, SCHEMA",
    "42601, 0, OTHER",
    "HY000, 1396, OTHER",
  })
  void classifiesByStateAndVendorCode(String state, int code, ErrorKind expected) {
    assertThat(SqlErrors.kind(new SQLException("boom", state, code), ErrorKind.ALREADY_EXISTS))
        .isEqualTo(expected);
  }

  @Test
  void duplicateOutsideCreateIsAConstraint() {
    assertThat(SqlErrors.kind(new SQLException("dup", "23505"), ErrorKind.CONSTRAINT))
        .isEqualTo(ErrorKind.CONSTRAINT);
  }

  @Test
  void exceptionTypesWithoutStateAreClassified() {
    assertThat(SqlErrors.kind(new SQLTimeoutException("slow"), ErrorKind.CONSTRAINT))
        .isEqualTo(ErrorKind.TIMEOUT);
    assertThat(
            SqlErrors.kind(
                new SQLTransientConnectionException("pool timed out"), ErrorKind.CONSTRAINT))
        .isEqualTo(ErrorKind.CONNECTION);
    assertThat(
            SqlErrors.kind(new SQLNonTransientConnectionException("refused"), ErrorKind.CONSTRAINT))
        .isEqualTo(ErrorKind.CONNECTION);
    assertThat(SqlErrors.kind(new SQLException("no state"), ErrorKind.CONSTRAINT))
        .isEqualTo(ErrorKind.OTHER);
  }

  @Test
  void retryabilityFollowsTheKindAndTheMessageNamesTheState() {
    ConnectorException retryable =
        SqlErrors.classify(
            "target 't': x", new SQLException("gone", "08006"), ErrorKind.CONSTRAINT);
    assertThat(retryable.retryable()).isTrue();
    assertThat(retryable.getMessage()).contains("target 't'").contains("08006");
    assertThat(
            SqlErrors.classify("x", new SQLException("dup", "23505"), ErrorKind.ALREADY_EXISTS)
                .retryable())
        .isFalse();
  }
}
