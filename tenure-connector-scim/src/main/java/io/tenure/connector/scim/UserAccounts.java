package io.tenure.connector.scim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.GenericScimResource;
import com.unboundid.scim2.common.Path;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.filters.Filter;
import com.unboundid.scim2.common.messages.PatchOperation;
import io.tenure.connector.spi.AccountReference;
import io.tenure.connector.spi.AttributeDelta;
import io.tenure.connector.spi.ConnectorException;
import io.tenure.connector.spi.ErrorKind;
import io.tenure.connector.spi.NewAccount;
import io.tenure.connector.spi.RemoteAccount;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.jspecify.annotations.Nullable;

/**
 * The account operations on SCIM Users: create ({@code POST /Users}), update with only the changed
 * attributes, enable and disable through {@code active}, delete, find by {@code userName}, and the
 * lazily paged stream of every account (of those {@code accounts.filter} keeps). Thread-safe.
 */
final class UserAccounts {

  private final ServiceProvider provider;
  private final UserResources users;
  private final @Nullable Filter accountFilter;

  /**
   * @param accountFilter the parsed {@code accounts.filter}, null for every User
   */
  UserAccounts(ServiceProvider provider, UserResources users, @Nullable Filter accountFilter) {
    this.provider = provider;
    this.users = users;
    this.accountFilter = accountFilter;
  }

  /**
   * The setting {@code accounts.filter} parsed; one that is not a SCIM filter fails with
   * CONFIGURATION.
   */
  static Filter parseAccountFilter(String text) {
    try {
      return Filter.fromString(text);
    } catch (BadRequestException e) {
      throw new ConnectorException(
          ErrorKind.CONFIGURATION,
          "setting 'accounts.filter' is not a SCIM filter: " + e.getMessage());
    }
  }

  RemoteAccount create(NewAccount account) {
    ObjectNode user = users.userOf(account);
    provider.features();
    GenericScimResource created =
        provider.execute(
            "create of account '" + account.name() + "'",
            service -> service.create(ScimConnector.USERS, new GenericScimResource(user)));
    return users.toAccount(created.getObjectNode(), false);
  }

  /**
   * Reads the User, compares each delta with its current values and sends one change with only the
   * changed attributes; nothing when nothing changes.
   */
  void update(AccountReference account, List<AttributeDelta> deltas) {
    String action = "update of account '" + account.name() + "'";
    ObjectNode current = users.existing(account, action);
    ObjectNode working = current.deepCopy();
    List<PatchOperation> operations = new ArrayList<>();
    for (AttributeDelta delta : deltas) {
      AttributePath path = AttributePath.parse(delta.attribute(), provider.settings());
      operations.addAll(ResourceJson.patch(working, path, delta.values()));
      ResourceJson.write(working, path, delta.values());
    }
    if (operations.isEmpty()) {
      return;
    }
    provider.change(ScimConnector.USERS, current, working, operations, action);
  }

  /** Replaces {@code active}, only when it differs. */
  void setActive(AccountReference account, boolean active) {
    String action = (active ? "enable" : "disable") + " of account '" + account.name() + "'";
    ObjectNode current = users.existing(account, action);
    if (UserResources.isActive(current) == active) {
      return;
    }
    ObjectNode working = current.deepCopy();
    ResourceJson.remove(working, "active");
    working.put("active", active);
    provider.change(
        ScimConnector.USERS,
        current,
        working,
        List.of(PatchOperation.replace(Path.root().attribute("active"), active)),
        action);
  }

  /** Deletes the User; an absent account, or a 404, is success. */
  void delete(AccountReference account) {
    String action = "delete of account '" + account.name() + "'";
    Optional<ObjectNode> user = users.resolve(account, action);
    if (user.isEmpty()) {
      return;
    }
    String id = provider.id(user.get());
    try {
      provider.execute(
          action,
          service -> {
            service.delete(ScimConnector.USERS, id);
            return Boolean.TRUE;
          });
    } catch (ConnectorException e) {
      if (e.kind() != ErrorKind.NOT_FOUND) {
        throw e;
      }
    }
  }

  Optional<RemoteAccount> find(String name) {
    return users.find(name, "find of account '" + name + "'").map(u -> users.toAccount(u, true));
  }

  /** Every account, read page by page as the stream is consumed. */
  Stream<RemoteAccount> all() {
    provider.features();
    Iterator<ObjectNode> pages =
        new ResourcePages(provider, ScimConnector.USERS, accountFilter, "read of accounts");
    return StreamSupport.stream(
            Spliterators.spliteratorUnknownSize(pages, Spliterator.ORDERED | Spliterator.NONNULL),
            false)
        .map(user -> users.toAccount(user, true));
  }
}
