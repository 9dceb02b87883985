/**
 * The SCIM 2.0 server ({@code /scim/v2}), the protocol: Users over the identity store, each push
 * handed to the engine as a source's report ({@link io.tenure.engine.ingest.SourcePush}) and
 * planned and executed at once; Groups, those named like a role of {@code scim.roles} assigning it;
 * PATCH, ETags, Bulk and the discovery endpoints. The SQL lives in {@link
 * io.tenure.scim.server.store}, the User schemas in {@link io.tenure.scim.server.schema}.
 */
@NullMarked
package io.tenure.scim.server;

import org.jspecify.annotations.NullMarked;
