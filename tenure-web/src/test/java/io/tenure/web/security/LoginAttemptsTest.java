package io.tenure.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenure.engine.audit.AuditEvent;
import io.tenure.engine.audit.AuditLog;
import io.tenure.engine.audit.AuditRecord;
import io.tenure.engine.audit.AuditVerification;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** Failed logins from one address block it for the rest of the window, audited once. */
class LoginAttemptsTest {

  private Instant now = Instant.parse("2026-01-05T08:00:00Z");
  private final List<AuditEvent> audited = new ArrayList<>();

  private final Clock clock =
      new Clock() {
        @Override
        public java.time.ZoneId getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return now;
        }
      };

  private final AuditLog audit =
      new AuditLog() {
        @Override
        public void append(AuditEvent event) {
          audited.add(event);
        }

        @Override
        public List<AuditRecord> recent(@Nullable String subjectContains, int limit) {
          return List.of();
        }

        @Override
        public AuditVerification verify() {
          throw new UnsupportedOperationException();
        }
      };

  @Test
  void anAddressIsBlockedAfterTooManyFailuresUntilTheyAgeOut() {
    LoginAttempts attempts = new LoginAttempts(clock, audit, 3, Duration.ofMinutes(5));
    attempts.failed("10.0.0.1");
    now = now.plusSeconds(60);
    attempts.failed("10.0.0.1");
    assertThat(attempts.blocked("10.0.0.1")).isFalse();
    attempts.failed("10.0.0.1");
    assertThat(attempts.blocked("10.0.0.1")).isTrue();
    assertThat(attempts.blocked("10.0.0.2")).isFalse();
    attempts.failed("10.0.0.1");
    assertThat(audited).hasSize(1);
    assertThat(audited.get(0).action()).isEqualTo("login.throttled");
    assertThat(audited.get(0).subject()).isEqualTo("address 10.0.0.1");

    now = now.plus(Duration.ofMinutes(5));
    assertThat(attempts.blocked("10.0.0.1")).as("the failures aged out of the window").isFalse();
  }
}
