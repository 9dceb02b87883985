package io.tenure.web.api;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** What the API answers about users and API tokens; never a password or a token's secret. */
public final class AccessControlViews {

  private AccessControlViews() {}

  /** A user who logs in with a password. */
  @Schema(name = "User")
  public record User(
      String username,
      String displayName,
      List<String> roles,
      @Nullable String person,
      String createdAt,
      @Nullable String disabledAt) {}

  /** The users. */
  @Schema(name = "UserList")
  public record Users(List<User> users) {}

  /** A user to create. */
  @Schema(name = "NewUser")
  public record NewUser(
      String username,
      @Nullable String displayName,
      @Schema(description = "admin, operator, auditor, approver or self") List<String> roles,
      @Schema(description = "the person's id in Tenure, if the user is one")
          @Nullable String person) {}

  /** A user just created, with its generated password: shown only in this answer. */
  @Schema(name = "CreatedUser")
  public record CreatedUser(User user, String password) {}

  /** An API token, without its secret. */
  @Schema(name = "Token")
  public record Token(
      String id,
      String name,
      @Schema(description = "scim or admin") String scope,
      @Schema(description = "the user it acts as, null: an administrator") @Nullable String user,
      String createdAt,
      @Nullable String revokedAt) {}

  /** The tokens. */
  @Schema(name = "TokenList")
  public record Tokens(List<Token> tokens) {}

  /** A token to create. */
  @Schema(name = "NewToken")
  public record NewToken(
      @Schema(description = "scim or admin") String scope,
      @Nullable String name,
      @Schema(description = "a local user it acts as") @Nullable String user) {}

  /** A token just created, with its secret: shown only in this answer. */
  @Schema(name = "CreatedToken")
  public record CreatedToken(Token token, String secret) {}
}
