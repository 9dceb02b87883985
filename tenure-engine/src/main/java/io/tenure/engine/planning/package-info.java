/**
 * Planning: the core policy built from configuration, desired state for identities (with stable
 * usernames), and plans computed by diffing desired against known accounts in batches.
 */
@NullMarked
package io.tenure.engine.planning;

import org.jspecify.annotations.NullMarked;
