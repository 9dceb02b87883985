package io.tenure.cli;

import io.tenure.engine.access.ApiToken;
import io.tenure.engine.access.ApiTokens;
import io.tenure.engine.access.LocalUsers;
import io.tenure.engine.access.TokenScope;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tenure token create|list|revoke}: the API bearer tokens of the web server. */
@Command(
    name = "token",
    mixinStandardHelpOptions = true,
    description = {
      "Manages the web server's API bearer tokens.",
      "  token create --scope scim|admin [--name N] [--user USERNAME]",
      "                                             prints a new token on its last line"
          + " (shown once; only its hash is stored)",
      "  token list                                 lists tokens (never their secrets)",
      "  token revoke ID                            revokes a token at once",
      "A scim token reaches only /scim/v2; an admin token reaches everything, or, with --user,",
      "exactly what that local user may (its roles; refused once the user is disabled)."
    })
final class TokenCommand extends StoreCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "ACTION", description = "create, list or revoke")
  String action = "";

  @Parameters(index = "1", arity = "0..1", paramLabel = "ID", description = "The token to revoke.")
  @Nullable String id;

  @Option(names = "--scope", paramLabel = "SCOPE", description = "scim or admin (for create).")
  @Nullable String scope;

  @Option(names = "--name", paramLabel = "NAME", description = "A name for the token (create).")
  @Nullable String name;

  @Option(
      names = "--user",
      paramLabel = "USERNAME",
      description =
          "Bind the token to a local user: it acts as that user, with its roles (create).")
  @Nullable String user;

  TokenCommand(CliEnvironment environment) {
    super(environment);
  }

  @Override
  public Integer call() {
    switch (action) {
      case "create" -> {
        if (scope == null) {
          throw new IllegalArgumentException("token create needs --scope scim or --scope admin");
        }
        TokenScope parsed = TokenScope.parse(scope);
        return withApplication(
            null,
            context -> {
              String boundUser = user == null || user.isBlank() ? null : user.strip();
              if (boundUser != null
                  && context.getBean(LocalUsers.class).find(boundUser).isEmpty()) {
                environment.err().println("tenure: there is no user " + boundUser);
                environment.err().flush();
                return TenureCli.USAGE;
              }
              ApiTokens.CreatedToken created =
                  context.getBean(ApiTokens.class).create(parsed, name, boundUser, actor());
              PrintWriter out = environment.out();
              out.println(
                  "Created "
                      + created.token().scope().label()
                      + " token "
                      + created.token().id()
                      + " ("
                      + created.token().name()
                      + (boundUser == null ? "" : ", acting as user " + boundUser)
                      + "). It is shown only now:");
              out.println(created.secret());
              out.flush();
              return TenureCli.SUCCESS;
            });
      }
      case "list" -> {
        return withApplication(
            null,
            context -> {
              List<ApiToken> tokens = context.getBean(ApiTokens.class).list();
              PrintWriter out = environment.out();
              if (tokens.isEmpty()) {
                out.println("No tokens.");
              }
              for (ApiToken token : tokens) {
                out.println(
                    token.id()
                        + "  "
                        + token.scope().label()
                        + "  "
                        + token.name()
                        + "  created "
                        + token.createdAt()
                        + (token.user() == null ? "" : "  user " + token.user())
                        + (token.revoked() ? "  revoked " + token.revokedAt() : ""));
              }
              out.flush();
              return TenureCli.SUCCESS;
            });
      }
      case "revoke" -> {
        if (id == null) {
          throw new IllegalArgumentException("token revoke needs the token's ID");
        }
        String tokenId = id;
        return withApplication(
            null,
            context -> {
              boolean revoked = context.getBean(ApiTokens.class).revoke(tokenId, actor());
              environment
                  .out()
                  .println(
                      revoked
                          ? "Revoked token " + tokenId + "."
                          : "No valid token " + tokenId + ".");
              environment.out().flush();
              return revoked ? TenureCli.SUCCESS : TenureCli.FAILURE;
            });
      }
      default ->
          throw new IllegalArgumentException(
              "unknown token action '" + action + "' (create, list or revoke)");
    }
  }
}
