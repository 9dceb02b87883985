package io.tenure.scim.server;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A User or Group as served.
 *
 * @param id its id
 * @param resource the resource, {@code meta} included
 * @param version its entity tag (weak), also {@code meta.version}
 */
record ServedResource(String id, ObjectNode resource, String version) {}
