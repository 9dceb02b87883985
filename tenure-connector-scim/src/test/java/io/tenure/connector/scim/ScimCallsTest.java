package io.tenure.connector.scim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.unboundid.scim2.common.exceptions.ScimException;
import io.tenure.connector.spi.ConnectorException;
import io.tenure.connector.spi.ErrorKind;
import jakarta.ws.rs.ProcessingException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ScimCallsTest {

  private final List<Duration> sleeps = new ArrayList<>();
  private final Clock clock = Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC);
  private final ScimCalls calls =
      new ScimCalls("crm", clock, sleeps::add, 3, Duration.ofSeconds(30), Duration.ofSeconds(1));

  @Test
  void retryAfterIsReadAsSecondsOrHttpDate() {
    assertThat(calls.retryWait("7")).contains(Duration.ofSeconds(7));
    assertThat(calls.retryWait(" 0 ")).contains(Duration.ZERO);
    assertThat(calls.retryWait("Fri, 27 Nov 2026 10:00:05 GMT")).contains(Duration.ofSeconds(5));
    assertThat(calls.retryWait("Fri, 27 Nov 2026 09:00:00 GMT")).contains(Duration.ZERO);
    assertThat(calls.retryWait(null)).contains(Duration.ofSeconds(1));
    assertThat(calls.retryWait("soon")).contains(Duration.ofSeconds(1));
  }

  @Test
  void throttledCallsAreRetriedAfterTheAnnouncedWait() {
    AtomicInteger attempts = new AtomicInteger();
    String result =
        calls.execute(
            "find of account 'a'",
            () -> {
              if (attempts.incrementAndGet() < 3) {
                throw new ProcessingException(new ThrottledResponse(429, "4"));
              }
              return "ok";
            });
    assertThat(result).isEqualTo("ok");
    assertThat(sleeps).containsExactly(Duration.ofSeconds(4), Duration.ofSeconds(4));
  }

  @Test
  void throttlingBeyondTheAttemptsOrTheWaitIsBusy() {
    assertThatThrownBy(
            () ->
                calls.execute(
                    "find",
                    () -> {
                      throw new ProcessingException(new ThrottledResponse(503, "1"));
                    }))
        .isInstanceOfSatisfying(
            ConnectorException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ErrorKind.BUSY);
              assertThat(e.retryable()).isTrue();
              assertThat(e.getMessage()).contains("crm", "503", "3 attempt");
            });
    assertThat(sleeps).hasSize(2);
    sleeps.clear();
    assertThatThrownBy(
            () ->
                calls.execute(
                    "find",
                    () -> {
                      throw new ProcessingException(new ThrottledResponse(429, "31"));
                    }))
        .isInstanceOfSatisfying(
            ConnectorException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.BUSY));
    assertThat(sleeps).isEmpty();
  }

  @Test
  void errorAnswersAreClassifiedWithTargetStatusAndScimType() {
    assertThatThrownBy(
            () ->
                calls.execute(
                    "create of account 'a'",
                    () -> {
                      throw ScimException.createException(409, "userName is already taken");
                    }))
        .isInstanceOfSatisfying(
            ConnectorException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ErrorKind.ALREADY_EXISTS);
              assertThat(e.getMessage())
                  .isEqualTo(
                      "target 'crm': create of account 'a' HTTP 409: userName is already taken");
            });
    assertThatThrownBy(
            () ->
                calls.execute(
                    "update",
                    () -> {
                      throw new ScimException(400, "invalidValue", "bad e-mail");
                    }))
        .isInstanceOfSatisfying(
            ConnectorException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT);
              assertThat(e.getMessage()).contains("(invalidValue)");
            });
  }

  @Test
  void unexpectedRuntimeFailuresBecomeConnectorExceptions() {
    assertThatThrownBy(
            () ->
                calls.execute(
                    "find of account '{x}'",
                    () -> {
                      throw new IllegalArgumentException("template variable x has no value");
                    }))
        .isInstanceOfSatisfying(
            ConnectorException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT));
    assertThatThrownBy(
            () ->
                calls.execute(
                    "find",
                    () -> {
                      throw new IllegalStateException("broken");
                    }))
        .isInstanceOfSatisfying(
            ConnectorException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.OTHER));
  }
}
