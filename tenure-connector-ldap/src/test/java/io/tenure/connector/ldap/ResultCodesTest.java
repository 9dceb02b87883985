package io.tenure.connector.ldap;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPResult;
import com.unboundid.ldap.sdk.ResultCode;
import io.tenure.connector.spi.ConnectorException;
import io.tenure.connector.spi.ErrorKind;
import org.junit.jupiter.api.Test;

class ResultCodesTest {

  @Test
  void connectionFailuresAndTimeoutsAreRetryable() {
    assertThat(ResultCodes.kindOf(ResultCode.SERVER_DOWN)).isEqualTo(ErrorKind.CONNECTION);
    assertThat(ResultCodes.kindOf(ResultCode.CONNECT_ERROR)).isEqualTo(ErrorKind.CONNECTION);
    assertThat(ResultCodes.kindOf(ResultCode.TIMEOUT)).isEqualTo(ErrorKind.TIMEOUT);
    assertThat(ResultCodes.kindOf(ResultCode.BUSY)).isEqualTo(ErrorKind.BUSY);
    assertThat(ResultCodes.kindOf(ResultCode.UNAVAILABLE)).isEqualTo(ErrorKind.BUSY);
    for (ResultCode code :
        new ResultCode[] {
          ResultCode.SERVER_DOWN, ResultCode.CONNECT_ERROR, ResultCode.TIMEOUT, ResultCode.BUSY
        }) {
      assertThat(ResultCodes.kindOf(code).retryable()).as(code.getName()).isTrue();
    }
  }

  @Test
  void permanentFailuresAreClassified() {
    assertThat(ResultCodes.kindOf(ResultCode.OBJECT_CLASS_VIOLATION)).isEqualTo(ErrorKind.SCHEMA);
    assertThat(ResultCodes.kindOf(ResultCode.UNDEFINED_ATTRIBUTE_TYPE)).isEqualTo(ErrorKind.SCHEMA);
    assertThat(ResultCodes.kindOf(ResultCode.CONSTRAINT_VIOLATION)).isEqualTo(ErrorKind.CONSTRAINT);
    assertThat(ResultCodes.kindOf(ResultCode.ENTRY_ALREADY_EXISTS))
        .isEqualTo(ErrorKind.ALREADY_EXISTS);
    assertThat(ResultCodes.kindOf(ResultCode.INSUFFICIENT_ACCESS_RIGHTS))
        .isEqualTo(ErrorKind.PERMISSION);
    assertThat(ResultCodes.kindOf(ResultCode.NO_SUCH_OBJECT)).isEqualTo(ErrorKind.NOT_FOUND);
    assertThat(ResultCodes.kindOf(ResultCode.INVALID_DN_SYNTAX)).isEqualTo(ErrorKind.INVALID_INPUT);
    assertThat(ResultCodes.kindOf(ResultCode.LOOP_DETECT)).isEqualTo(ErrorKind.OTHER);
    assertThat(ResultCodes.kindOf(ResultCode.OBJECT_CLASS_VIOLATION).retryable()).isFalse();
  }

  @Test
  void messageNamesTargetOperationAndResult() {
    ConnectorException exception =
        ResultCodes.toConnectorException(
            "directory",
            "creating uid=a,dc=example,dc=com",
            new LDAPException(
                new LDAPResult(1, ResultCode.BUSY, "try later", null, (String[]) null, null)));
    assertThat(exception.kind()).isEqualTo(ErrorKind.BUSY);
    assertThat(exception.getMessage())
        .contains("directory", "creating uid=a,dc=example,dc=com", "busy", "51", "try later");
  }
}
