package io.tenure.connector.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tenure.connector.spi.AccountReference;
import io.tenure.connector.spi.ConnectorException;
import io.tenure.connector.spi.ErrorKind;
import io.tenure.connector.spi.NewAccount;
import io.tenure.connector.spi.RemoteAccount;
import java.util.Optional;
import java.util.Set;

/**
 * Accounts as SCIM User resources: the resource a new account is sent as, the account a resource is
 * read as ({@code userName} its name, {@code active} its enabled flag, attributes by the path
 * convention of {@link AttributePath}), and the User an account reference means. Thread-safe.
 */
final class UserResources {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final ServiceProvider provider;
  private final ResourcesByName byName;
  private final AccountEntitlements entitlements;
  private final ScimSettings settings;

  UserResources(
      ServiceProvider provider, ResourcesByName byName, AccountEntitlements entitlements) {
    this.provider = provider;
    this.byName = byName;
    this.entitlements = entitlements;
    this.settings = provider.settings();
  }

  /** The User resource a create sends: {@code userName}, {@code active}, the mapped attributes. */
  ObjectNode userOf(NewAccount account) {
    ObjectNode user = NODES.objectNode();
    user.putArray("schemas").add(ScimConnector.USER_SCHEMA);
    user.put("userName", account.name());
    user.put("active", account.enabled());
    account
        .attributes()
        .forEach(
            (name, values) ->
                ResourceJson.write(user, AttributePath.parse(name, settings), values));
    return user;
  }

  /**
   * The account a User resource is.
   *
   * @param readEntitlements whether to read its entitlements; none are reported otherwise
   */
  RemoteAccount toAccount(ObjectNode user, boolean readEntitlements) {
    String id = provider.id(user);
    String userName = ResourceJson.text(user, "userName");
    Set<String> groups = readEntitlements ? entitlements.of(user, id) : Set.of();
    return new RemoteAccount(
        id,
        userName == null || userName.isBlank() ? id : userName,
        ResourceJson.attributes(user, settings),
        isActive(user),
        groups);
  }

  /** The account a create answered with (its entitlements are not read). */
  RemoteAccount createdAccount(ObjectNode user) {
    return toAccount(user, false);
  }

  /** Whether the User is active: an absent or null {@code active} is true. */
  static boolean isActive(ObjectNode user) {
    JsonNode active = ResourceJson.field(user, "active");
    if (active == null || active.isNull()) {
      return true;
    }
    return active.isBoolean() ? active.booleanValue() : !"false".equalsIgnoreCase(active.asText());
  }

  /** The referenced User; a missing one fails with NOT_FOUND. */
  ObjectNode existing(AccountReference account, String action) {
    return resolve(account, action)
        .orElseThrow(
            () ->
                new ConnectorException(
                    ErrorKind.NOT_FOUND,
                    "target '" + settings.targetName() + "': " + action + ": account not found"));
  }

  /** The user by native id when given and present, else by name. */
  Optional<ObjectNode> resolve(AccountReference account, String action) {
    String nativeId = account.nativeId();
    if (nativeId != null && !nativeId.isBlank()) {
      try {
        return Optional.of(provider.retrieve(ScimConnector.USERS, nativeId, action));
      } catch (ConnectorException e) {
        if (e.kind() != ErrorKind.NOT_FOUND) {
          throw e;
        }
      }
    }
    return find(account.name(), action);
  }

  /** The User with the {@code userName}: exactly if one has it, else ignoring case. */
  Optional<ObjectNode> find(String name, String action) {
    return byName.find(ScimConnector.USERS, "userName", name, action);
  }
}
