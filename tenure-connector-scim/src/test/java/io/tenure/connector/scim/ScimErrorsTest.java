package io.tenure.connector.scim;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenure.connector.spi.ErrorKind;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScimErrorsTest {

  @ParameterizedTest(name = "HTTP {0} {1} -> {2}")
  @CsvSource(
      nullValues = "-",
      value = {
        "400, invalidValue, INVALID_INPUT",
        "400, invalidSyntax, INVALID_INPUT",
        "400, invalidFilter, INVALID_INPUT",
        "400, -, INVALID_INPUT",
        "400, uniqueness, ALREADY_EXISTS",
        "400, invalidPath, SCHEMA",
        "400, noTarget, SCHEMA",
        "400, mutability, SCHEMA",
        "400, tooMany, OTHER",
        "401, -, PERMISSION",
        "403, -, PERMISSION",
        "404, -, NOT_FOUND",
        "408, -, TIMEOUT",
        "409, uniqueness, ALREADY_EXISTS",
        "409, -, ALREADY_EXISTS",
        "412, -, OTHER",
        "429, -, BUSY",
        "500, -, BUSY",
        "501, -, OTHER",
        "502, -, CONNECTION",
        "503, -, BUSY",
        "504, -, TIMEOUT"
      })
  void statusAndScimTypeAreClassified(int status, String scimType, ErrorKind expected) {
    assertThat(ScimErrors.classify(status, scimType)).isEqualTo(expected);
  }

  @Test
  void retryableStatusesAreExactlyTheTransientOnes() {
    for (int status = 400; status < 600; status++) {
      boolean retryable = ScimErrors.classify(status, null).retryable();
      assertThat(retryable)
          .as("HTTP %d", status)
          .isEqualTo(
              status == 408
                  || status == 429
                  || status == 500
                  || status == 502
                  || status == 503
                  || status == 504);
    }
    assertThat(ScimErrors.isThrottling(429)).isTrue();
    assertThat(ScimErrors.isThrottling(503)).isTrue();
    assertThat(ScimErrors.isThrottling(502)).isFalse();
  }

  @Test
  void transportFailuresAreClassifiedByCause() {
    assertThat(ScimErrors.classifyTransport(wrapped(new ConnectException("refused"))))
        .isEqualTo(ErrorKind.CONNECTION);
    assertThat(ScimErrors.classifyTransport(wrapped(new UnknownHostException("nowhere"))))
        .isEqualTo(ErrorKind.CONNECTION);
    assertThat(ScimErrors.classifyTransport(wrapped(new SocketTimeoutException("slow"))))
        .isEqualTo(ErrorKind.TIMEOUT);
    assertThat(ScimErrors.classifyTransport(wrapped(new SSLHandshakeException("bad cert"))))
        .isEqualTo(ErrorKind.CONFIGURATION);
    assertThat(ScimErrors.classifyTransport(new IllegalStateException("parse")))
        .isEqualTo(ErrorKind.OTHER);
  }

  private static RuntimeException wrapped(IOException cause) {
    return new jakarta.ws.rs.ProcessingException(cause);
  }
}
