package io.tenure.connector.connid;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenure.connector.spi.ConnectorException;
import io.tenure.connector.spi.ErrorKind;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.Map;
import org.identityconnectors.framework.common.exceptions.AlreadyExistsException;
import org.identityconnectors.framework.common.exceptions.ConfigurationException;
import org.identityconnectors.framework.common.exceptions.ConnectionBrokenException;
import org.identityconnectors.framework.common.exceptions.ConnectionFailedException;
import org.identityconnectors.framework.common.exceptions.ConnectorIOException;
import org.identityconnectors.framework.common.exceptions.ConnectorSecurityException;
import org.identityconnectors.framework.common.exceptions.InvalidAttributeValueException;
import org.identityconnectors.framework.common.exceptions.InvalidCredentialException;
import org.identityconnectors.framework.common.exceptions.InvalidPasswordException;
import org.identityconnectors.framework.common.exceptions.OperationTimeoutException;
import org.identityconnectors.framework.common.exceptions.PasswordExpiredException;
import org.identityconnectors.framework.common.exceptions.PermissionDeniedException;
import org.identityconnectors.framework.common.exceptions.PreconditionFailedException;
import org.identityconnectors.framework.common.exceptions.PreconditionRequiredException;
import org.identityconnectors.framework.common.exceptions.RetryableException;
import org.identityconnectors.framework.common.exceptions.UnknownUidException;
import org.junit.jupiter.api.Test;

class ConnIdErrorsTest {

  private final ConnIdErrors errors =
      new ConnIdErrors("hr-app", List.of("s3cret", "s3cret-longer"));

  @Test
  void connIdExceptionsMapToTheirKinds() {
    Map<RuntimeException, ErrorKind> expected =
        Map.ofEntries(
            Map.entry(new ConnectionFailedException("refused"), ErrorKind.CONNECTION),
            Map.entry(new ConnectionBrokenException("reset"), ErrorKind.CONNECTION),
            Map.entry(new ConnectorIOException("io"), ErrorKind.CONNECTION),
            Map.entry(new OperationTimeoutException("slow"), ErrorKind.TIMEOUT),
            Map.entry(RetryableException.wrap("throttled", new RuntimeException()), ErrorKind.BUSY),
            Map.entry(new AlreadyExistsException("taken"), ErrorKind.ALREADY_EXISTS),
            Map.entry(new UnknownUidException("gone"), ErrorKind.NOT_FOUND),
            Map.entry(new InvalidAttributeValueException("bad"), ErrorKind.SCHEMA),
            Map.entry(new InvalidPasswordException("too short"), ErrorKind.INVALID_INPUT),
            Map.entry(new PasswordExpiredException("expired"), ErrorKind.INVALID_INPUT),
            Map.entry(new PermissionDeniedException("no"), ErrorKind.PERMISSION),
            Map.entry(new InvalidCredentialException("bad bind"), ErrorKind.PERMISSION),
            Map.entry(new ConnectorSecurityException("tls"), ErrorKind.PERMISSION),
            Map.entry(new ConfigurationException("host missing"), ErrorKind.CONFIGURATION),
            Map.entry(new PreconditionFailedException("version"), ErrorKind.CONSTRAINT),
            Map.entry(new PreconditionRequiredException("version"), ErrorKind.CONSTRAINT),
            Map.entry(new IllegalArgumentException("no name"), ErrorKind.INVALID_INPUT),
            Map.entry(new UnsupportedOperationException("no delete"), ErrorKind.CONFIGURATION),
            Map.entry(
                new org.identityconnectors.framework.common.exceptions.ConnectorException("?"),
                ErrorKind.OTHER),
            Map.entry(new IllegalStateException("?"), ErrorKind.OTHER));
    expected.forEach(
        (failure, kind) ->
            assertThat(ConnIdErrors.classify(failure))
                .as(failure.getClass().getSimpleName())
                .isEqualTo(kind));
  }

  @Test
  void onlyConnectionTimeoutAndBusyAreRetryable() {
    assertThat(ConnIdErrors.classify(new ConnectionFailedException("x")).retryable()).isTrue();
    assertThat(ConnIdErrors.classify(new OperationTimeoutException("x")).retryable()).isTrue();
    assertThat(ConnIdErrors.classify(RetryableException.wrap("x", new RuntimeException())))
        .matches(ErrorKind::retryable);
    assertThat(ConnIdErrors.classify(new AlreadyExistsException("x")).retryable()).isFalse();
    assertThat(ConnIdErrors.classify(new UnknownUidException("x")).retryable()).isFalse();
    assertThat(ConnIdErrors.classify(new ConfigurationException("x")).retryable()).isFalse();
  }

  @Test
  void aGenericConnIdExceptionIsClassifiedByItsCause() {
    assertThat(classifyWrapped(new ConnectException("refused"))).isEqualTo(ErrorKind.CONNECTION);
    assertThat(classifyWrapped(new SocketTimeoutException("read"))).isEqualTo(ErrorKind.TIMEOUT);
    assertThat(classifyWrapped(new javax.naming.CommunicationException("down")))
        .isEqualTo(ErrorKind.CONNECTION);
    assertThat(classifyWrapped(new javax.naming.ServiceUnavailableException("busy")))
        .isEqualTo(ErrorKind.BUSY);
    assertThat(classifyWrapped(new javax.naming.NameAlreadyBoundException("exists")))
        .isEqualTo(ErrorKind.ALREADY_EXISTS);
    assertThat(classifyWrapped(new javax.naming.NameNotFoundException("gone")))
        .isEqualTo(ErrorKind.NOT_FOUND);
    assertThat(classifyWrapped(new javax.naming.NoPermissionException("no")))
        .isEqualTo(ErrorKind.PERMISSION);
    assertThat(classifyWrapped(new javax.naming.directory.SchemaViolationException("schema")))
        .isEqualTo(ErrorKind.SCHEMA);
    assertThat(classifyWrapped(new javax.naming.InvalidNameException("bad dn")))
        .isEqualTo(ErrorKind.INVALID_INPUT);
    assertThat(classifyWrapped(new SQLIntegrityConstraintViolationException("unique")))
        .isEqualTo(ErrorKind.CONSTRAINT);
    assertThat(classifyWrapped(new SQLTransientConnectionException("pool")))
        .isEqualTo(ErrorKind.BUSY);
    assertThat(classifyWrapped(new RuntimeException(new AlreadyExistsException("deep"))))
        .isEqualTo(ErrorKind.ALREADY_EXISTS);
    assertThat(classifyWrapped(new IllegalArgumentException("bad")))
        .isEqualTo(ErrorKind.INVALID_INPUT);
  }

  @Test
  void aRefusedConnectionWrappedAsASecurityFailureIsAConnectionFailure() {
    // what ConnId LDAP 1.5.10 throws when nothing listens on the port
    assertThat(
            ConnIdErrors.classify(
                new ConnectorSecurityException(
                    new javax.naming.CommunicationException("127.0.0.1:1"))))
        .isEqualTo(ErrorKind.CONNECTION);
    assertThat(
            ConnIdErrors.classify(
                new InvalidCredentialException(
                    new javax.naming.AuthenticationException("invalid credentials"))))
        .isEqualTo(ErrorKind.PERMISSION);
  }

  @Test
  void translateNamesTheTargetAndWhatWasAttemptedAndHidesSecrets() {
    ConnectorException translated =
        errors.translate(
            "create of 'alice'",
            new ConnectionFailedException(
                "bind as admin with s3cret-longer failed", new ConnectException("s3cret")));
    assertThat(translated.kind()).isEqualTo(ErrorKind.CONNECTION);
    assertThat(translated.retryable()).isTrue();
    assertThat(translated.getMessage())
        .startsWith("target 'hr-app': create of 'alice' failed: ConnectionFailedException")
        .doesNotContain("s3cret")
        .contains("******");
  }

  @Test
  void aTenureExceptionPassesThroughUnchanged() {
    ConnectorException own = new ConnectorException(ErrorKind.NOT_FOUND, "no account");
    assertThat(errors.translate("update", own)).isSameAs(own);
  }

  @Test
  void failureBuildsAMessageWithoutSecrets() {
    assertThat(errors.failure(ErrorKind.INVALID_INPUT, "value s3cret refused").getMessage())
        .isEqualTo("target 'hr-app': value ****** refused");
  }

  private static ErrorKind classifyWrapped(Exception cause) {
    return ConnIdErrors.classify(
        new org.identityconnectors.framework.common.exceptions.ConnectorException(cause));
  }
}
