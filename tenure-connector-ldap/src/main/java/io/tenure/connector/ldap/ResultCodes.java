package io.tenure.connector.ldap;

import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import io.tenure.connector.spi.ConnectorException;
import io.tenure.connector.spi.ErrorKind;

/** Classifies LDAP result codes into the connector error vocabulary. */
final class ResultCodes {

  private ResultCodes() {}

  /** The error kind of a failed LDAP operation's result code. */
  static ErrorKind kindOf(ResultCode resultCode) {
    return switch (resultCode.intValue()) {
      case ResultCode.SERVER_DOWN_INT_VALUE,
          ResultCode.CONNECT_ERROR_INT_VALUE,
          ResultCode.DECODING_ERROR_INT_VALUE,
          ResultCode.ENCODING_ERROR_INT_VALUE ->
          ErrorKind.CONNECTION;
      case ResultCode.TIMEOUT_INT_VALUE, ResultCode.TIME_LIMIT_EXCEEDED_INT_VALUE ->
          ErrorKind.TIMEOUT;
      case ResultCode.BUSY_INT_VALUE,
          ResultCode.UNAVAILABLE_INT_VALUE,
          ResultCode.ADMIN_LIMIT_EXCEEDED_INT_VALUE ->
          ErrorKind.BUSY;
      case ResultCode.OBJECT_CLASS_VIOLATION_INT_VALUE,
          ResultCode.UNDEFINED_ATTRIBUTE_TYPE_INT_VALUE,
          ResultCode.INVALID_ATTRIBUTE_SYNTAX_INT_VALUE,
          ResultCode.OBJECT_CLASS_MODS_PROHIBITED_INT_VALUE,
          ResultCode.INAPPROPRIATE_MATCHING_INT_VALUE ->
          ErrorKind.SCHEMA;
      case ResultCode.CONSTRAINT_VIOLATION_INT_VALUE,
          ResultCode.ATTRIBUTE_OR_VALUE_EXISTS_INT_VALUE,
          ResultCode.NOT_ALLOWED_ON_NONLEAF_INT_VALUE ->
          ErrorKind.CONSTRAINT;
      case ResultCode.ENTRY_ALREADY_EXISTS_INT_VALUE -> ErrorKind.ALREADY_EXISTS;
      case ResultCode.INSUFFICIENT_ACCESS_RIGHTS_INT_VALUE,
          ResultCode.INVALID_CREDENTIALS_INT_VALUE,
          ResultCode.INAPPROPRIATE_AUTHENTICATION_INT_VALUE,
          ResultCode.STRONG_AUTH_REQUIRED_INT_VALUE,
          ResultCode.CONFIDENTIALITY_REQUIRED_INT_VALUE,
          ResultCode.AUTHORIZATION_DENIED_INT_VALUE ->
          ErrorKind.PERMISSION;
      case ResultCode.NO_SUCH_OBJECT_INT_VALUE -> ErrorKind.NOT_FOUND;
      case ResultCode.INVALID_DN_SYNTAX_INT_VALUE,
          ResultCode.NAMING_VIOLATION_INT_VALUE,
          ResultCode.NOT_ALLOWED_ON_RDN_INT_VALUE,
          ResultCode.FILTER_ERROR_INT_VALUE,
          ResultCode.PARAM_ERROR_INT_VALUE ->
          ErrorKind.INVALID_INPUT;
      default -> ErrorKind.OTHER;
    };
  }

  /**
   * A connector exception for a failed LDAP operation. The message names the target, what was
   * attempted and the result code with the server's diagnostic message (or the SDK's message for
   * client-side failures); never a credential, which neither contains.
   */
  static ConnectorException toConnectorException(
      String targetName, String attempted, LDAPException exception) {
    ResultCode code = exception.getResultCode();
    String diagnostic =
        exception.getDiagnosticMessage() != null
            ? exception.getDiagnosticMessage()
            : exception.getMessage();
    String message =
        "target '"
            + targetName
            + "': "
            + attempted
            + " failed: "
            + code.getName()
            + " ("
            + code.intValue()
            + ")"
            + (diagnostic == null || diagnostic.isBlank() ? "" : ": " + diagnostic);
    return new ConnectorException(kindOf(code), message, exception);
  }
}
