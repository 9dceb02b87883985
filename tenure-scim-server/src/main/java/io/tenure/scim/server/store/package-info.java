/**
 * The SCIM server's own persistence: the stored Users ({@code scim_users}, {@code
 * scim_deleted_users}) over the identity store's {@code identities}, the Groups ({@code
 * scim_groups}, {@code scim_group_members}), and SCIM filters and sortBy translated into SQL with
 * bound parameters. The protocol reaches them through {@link
 * io.tenure.scim.server.store.ScimUserStore} and {@link io.tenure.scim.server.store.ScimGroupStore}
 * ({@link io.tenure.scim.server.store.ScimStores} makes the PostgreSQL ones); the implementations
 * stay package-private.
 */
@NullMarked
package io.tenure.scim.server.store;

import org.jspecify.annotations.NullMarked;
