package io.tenure.connector.scim;

import io.tenure.connector.spi.ErrorKind;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;
import javax.net.ssl.SSLException;
import org.jspecify.annotations.Nullable;

/** Classifies SCIM failures into the connector error vocabulary. */
final class ScimErrors {

  private ScimErrors() {}

  /**
   * The kind of an HTTP error answer, from its status and SCIM {@code scimType} (RFC 7644 §3.12). A
   * provider's internal error (500) is BUSY, retried later like 429 and 503: it is nearly always
   * passing (a restart, an overloaded backend), and one that persists is parked by the queue's
   * retry limits instead of at the first answer.
   */
  static ErrorKind classify(int status, @Nullable String scimType) {
    String type = scimType == null ? "" : scimType.toLowerCase(Locale.ROOT);
    return switch (status) {
      case 400 ->
          switch (type) {
            case "uniqueness" -> ErrorKind.ALREADY_EXISTS;
            case "invalidpath", "notarget", "mutability" -> ErrorKind.SCHEMA;
            case "toomany", "invalidvers", "sensitive" -> ErrorKind.OTHER;
            default -> ErrorKind.INVALID_INPUT;
          };
      case 401, 403 -> ErrorKind.PERMISSION;
      case 404 -> ErrorKind.NOT_FOUND;
      case 408, 504 -> ErrorKind.TIMEOUT;
      case 409 -> ErrorKind.ALREADY_EXISTS;
      case 429, 500, 503 -> ErrorKind.BUSY;
      case 502 -> ErrorKind.CONNECTION;
      default -> ErrorKind.OTHER;
    };
  }

  /** True for the statuses that may carry {@code Retry-After} and are retried within a call. */
  static boolean isThrottling(int status) {
    return status == 429 || status == 503;
  }

  /**
   * The kind of a transport failure (no HTTP answer), from the exception and its causes: timeouts,
   * refused or broken connections and unknown hosts are retryable; TLS failures are permanent.
   */
  static ErrorKind classifyTransport(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof SSLException) {
        return ErrorKind.CONFIGURATION;
      }
      if (cause instanceof SocketTimeoutException
          || cause instanceof InterruptedIOException
          || cause.getClass().getSimpleName().contains("Timeout")) {
        return ErrorKind.TIMEOUT;
      }
      if (cause instanceof ConnectException
          || cause instanceof NoRouteToHostException
          || cause instanceof UnknownHostException
          || cause instanceof SocketException
          || cause.getClass().getSimpleName().contains("NoHttpResponse")
          || cause.getClass().getSimpleName().contains("ConnectionClosed")) {
        return ErrorKind.CONNECTION;
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return ErrorKind.OTHER;
  }
}
