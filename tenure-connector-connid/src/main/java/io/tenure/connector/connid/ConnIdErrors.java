package io.tenure.connector.connid;

import io.tenure.connector.spi.ConnectorException;
import io.tenure.connector.spi.ErrorKind;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.identityconnectors.framework.common.exceptions.AlreadyExistsException;
import org.identityconnectors.framework.common.exceptions.ConfigurationException;
import org.identityconnectors.framework.common.exceptions.ConnectorIOException;
import org.identityconnectors.framework.common.exceptions.ConnectorSecurityException;
import org.identityconnectors.framework.common.exceptions.InvalidAttributeValueException;
import org.identityconnectors.framework.common.exceptions.InvalidPasswordException;
import org.identityconnectors.framework.common.exceptions.OperationTimeoutException;
import org.identityconnectors.framework.common.exceptions.PermissionDeniedException;
import org.identityconnectors.framework.common.exceptions.PreconditionFailedException;
import org.identityconnectors.framework.common.exceptions.PreconditionRequiredException;
import org.identityconnectors.framework.common.exceptions.RetryableException;
import org.identityconnectors.framework.common.exceptions.UnknownUidException;

/**
 * Classifies what a ConnId bundle throws into Tenure's {@link ErrorKind}s, and turns it into the
 * {@link ConnectorException} the connector throws. ConnId's own exception types decide first; a
 * generic ConnId exception is classified by the first cause that says more (a refused socket, a
 * JNDI or JDBC exception), since bundles often wrap those. Messages never contain a secret: every
 * secret value of the configuration is replaced by {@code ******}. Immutable and thread-safe.
 */
final class ConnIdErrors {

  private static final String HIDDEN = "******";

  private final String targetName;
  private final List<String> secrets;

  /**
   * @param targetName the target's name, for messages
   * @param secrets the secret values of the configuration, hidden in every message
   */
  ConnIdErrors(String targetName, Collection<String> secrets) {
    this.targetName = targetName;
    List<String> sorted = new ArrayList<>();
    for (String secret : secrets) {
      if (!secret.isEmpty()) {
        sorted.add(secret);
      }
    }
    // longest first, so that a secret containing another is hidden whole
    sorted.sort(Comparator.comparingInt(String::length).reversed());
    this.secrets = List.copyOf(sorted);
  }

  /**
   * The error kind of a failure thrown by a bundle or by the ConnId framework.
   *
   * <p>First ConnId's precise exceptions: {@link AlreadyExistsException}: ALREADY_EXISTS; {@link
   * UnknownUidException}: NOT_FOUND; {@link ConnectorIOException} (so {@code
   * ConnectionFailedException} and {@code ConnectionBrokenException}): CONNECTION; {@link
   * OperationTimeoutException}: TIMEOUT; {@link RetryableException}: BUSY; {@link
   * InvalidAttributeValueException}: SCHEMA; {@link InvalidPasswordException}: INVALID_INPUT (a
   * password the target's policy refuses); {@link PermissionDeniedException}: PERMISSION; {@link
   * ConfigurationException}: CONFIGURATION; {@link PreconditionFailedException}, {@link
   * PreconditionRequiredException}: CONSTRAINT. Then the causes, since bundles wrap what they
   * caught in a generic exception (ConnId LDAP reports a refused connection as a {@link
   * ConnectorSecurityException}): the first cause that says more wins (a socket, JNDI or JDBC
   * exception, or a precise ConnId one). Last the broad types: other {@link
   * ConnectorSecurityException}s (bad credentials of the bridge itself): PERMISSION; {@link
   * IllegalArgumentException} (argument checks): INVALID_INPUT; {@link
   * UnsupportedOperationException}: CONFIGURATION; anything else OTHER.
   */
  static ErrorKind classify(Throwable failure) {
    ErrorKind precise = precise(failure);
    if (precise != ErrorKind.OTHER) {
      return precise;
    }
    Map<Throwable, Boolean> seen = new IdentityHashMap<>();
    seen.put(failure, true);
    for (Throwable cause = failure.getCause();
        cause != null && seen.put(cause, true) == null;
        cause = cause.getCause()) {
      ErrorKind kind = classifyCause(cause);
      if (kind != ErrorKind.OTHER) {
        return kind;
      }
    }
    return broad(failure);
  }

  private static ErrorKind precise(Throwable failure) {
    if (failure instanceof AlreadyExistsException) {
      return ErrorKind.ALREADY_EXISTS;
    }
    if (failure instanceof UnknownUidException) {
      return ErrorKind.NOT_FOUND;
    }
    if (failure instanceof InvalidPasswordException) {
      return ErrorKind.INVALID_INPUT;
    }
    if (failure instanceof PermissionDeniedException) {
      return ErrorKind.PERMISSION;
    }
    if (failure instanceof ConnectorIOException) {
      return ErrorKind.CONNECTION;
    }
    if (failure instanceof OperationTimeoutException) {
      return ErrorKind.TIMEOUT;
    }
    if (failure instanceof RetryableException) {
      return ErrorKind.BUSY;
    }
    if (failure instanceof InvalidAttributeValueException) {
      return ErrorKind.SCHEMA;
    }
    if (failure instanceof ConfigurationException) {
      return ErrorKind.CONFIGURATION;
    }
    if (failure instanceof PreconditionFailedException
        || failure instanceof PreconditionRequiredException) {
      return ErrorKind.CONSTRAINT;
    }
    return ErrorKind.OTHER;
  }

  private static ErrorKind broad(Throwable failure) {
    if (failure instanceof ConnectorSecurityException) {
      return ErrorKind.PERMISSION;
    }
    if (failure instanceof IllegalArgumentException) {
      return ErrorKind.INVALID_INPUT;
    }
    if (failure instanceof UnsupportedOperationException) {
      return ErrorKind.CONFIGURATION;
    }
    return ErrorKind.OTHER;
  }

  /** The kind a wrapped cause tells: ConnId's own, sockets, JNDI (LDAP) and JDBC. */
  private static ErrorKind classifyCause(Throwable cause) {
    ErrorKind connId = precise(cause);
    if (connId != ErrorKind.OTHER) {
      return connId;
    }
    if (cause instanceof SocketTimeoutException || cause instanceof SQLTimeoutException) {
      return ErrorKind.TIMEOUT;
    }
    if (cause instanceof ConnectException
        || cause instanceof NoRouteToHostException
        || cause instanceof UnknownHostException
        || cause instanceof SQLNonTransientConnectionException
        || cause instanceof javax.naming.CommunicationException
        || cause instanceof javax.naming.ServiceUnavailableException) {
      return cause instanceof javax.naming.ServiceUnavailableException
          ? ErrorKind.BUSY
          : ErrorKind.CONNECTION;
    }
    if (cause instanceof SQLTransientException) {
      return ErrorKind.BUSY;
    }
    if (cause instanceof SQLIntegrityConstraintViolationException) {
      return ErrorKind.CONSTRAINT;
    }
    if (cause instanceof javax.naming.NameAlreadyBoundException) {
      return ErrorKind.ALREADY_EXISTS;
    }
    if (cause instanceof javax.naming.NameNotFoundException) {
      return ErrorKind.NOT_FOUND;
    }
    if (cause instanceof javax.naming.NoPermissionException
        || cause instanceof javax.naming.AuthenticationException) {
      return ErrorKind.PERMISSION;
    }
    if (cause instanceof javax.naming.directory.SchemaViolationException
        || cause instanceof javax.naming.directory.InvalidAttributeValueException
        || cause instanceof javax.naming.directory.InvalidAttributeIdentifierException
        || cause instanceof javax.naming.directory.NoSuchAttributeException) {
      return ErrorKind.SCHEMA;
    }
    if (cause instanceof javax.naming.InvalidNameException) {
      return ErrorKind.INVALID_INPUT;
    }
    if (cause instanceof javax.naming.directory.AttributeInUseException) {
      return ErrorKind.CONSTRAINT;
    }
    if (cause instanceof javax.naming.LimitExceededException) {
      return ErrorKind.BUSY;
    }
    return broad(cause);
  }

  /**
   * The connector exception for a failure of {@code attempted} ("create of 'alice'"): classified by
   * {@link #classify}, its message naming the target, what was attempted and what the bundle said,
   * with secrets hidden. A {@link ConnectorException} passes through unchanged.
   */
  ConnectorException translate(String attempted, Throwable failure) {
    if (failure instanceof ConnectorException tenure) {
      return tenure;
    }
    ErrorKind kind = classify(failure);
    return new ConnectorException(kind, message(attempted + " failed: " + describe(failure)));
  }

  /** A connector exception of the given kind, with the target named and secrets hidden. */
  ConnectorException failure(ErrorKind kind, String problem) {
    return new ConnectorException(kind, message(problem));
  }

  /** The text with every secret value replaced by {@code ******}. */
  String scrub(String text) {
    String scrubbed = text;
    for (String secret : secrets) {
      scrubbed = scrubbed.replace(secret, HIDDEN);
    }
    return scrubbed;
  }

  private String message(String problem) {
    return scrub("target '" + targetName + "': " + problem);
  }

  /** The failure's type and message, and its innermost cause's when that says something else. */
  private static String describe(Throwable failure) {
    StringBuilder text = new StringBuilder(failure.getClass().getSimpleName());
    if (failure.getMessage() != null) {
      text.append(": ").append(failure.getMessage());
    }
    Throwable root = failure;
    Map<Throwable, Boolean> seen = new IdentityHashMap<>();
    while (root.getCause() != null && seen.put(root, true) == null) {
      root = root.getCause();
    }
    if (root != failure
        && root.getMessage() != null
        && (failure.getMessage() == null || !failure.getMessage().contains(root.getMessage()))) {
      text.append(" (").append(root.getClass().getSimpleName()).append(": ");
      text.append(root.getMessage()).append(')');
    }
    return text.toString();
  }
}
